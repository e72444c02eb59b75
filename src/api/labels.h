// The active policy profile's names of the open and share attributes (DOMAIN.md §14), put beside
// the codes in every API view: under `lishui` conditional is 受限开放, never 有条件开放.
#pragma once

#include <boost/json.hpp>

#include "api/context.h"

namespace kf::api {

// Adds open_attribute_label and share_attribute_label to an object that has open_attribute /
// share_attribute codes (each only when its code is present).
void add_attribute_labels(boost::json::object& o, const policy::Profile& p);

// catalog::entry_to_json with the labels of the active profile.
boost::json::object entry_view(const ApiContext& ctx, const catalog::Entry& e, bool with_fields);

}  // namespace kf::api
