// The JSON form of a profile, shared by `kaifang policy show --format json` and GET /api/v1/policy.
#pragma once

#include <boost/json.hpp>

#include "policy/profile.h"

namespace kf::policy {

// Procedures come as an array in display order (procedure_keys()), disabled ones with
// "enabled": false; codes carry their Chinese names beside them (assignee_name, action names).
boost::json::object to_json(const Profile& p);

}  // namespace kf::policy
