#include "api/labels.h"

namespace kf::api {

void add_attribute_labels(boost::json::object& o, const policy::Profile& p) {
  if (const auto* v = o.if_contains("open_attribute"); v && v->is_string()) {
    o["open_attribute_label"] = policy::open_label(p, v->as_string());
  }
  if (const auto* v = o.if_contains("share_attribute"); v && v->is_string()) {
    o["share_attribute_label"] = policy::share_label(p, v->as_string());
  }
}

boost::json::object entry_view(const ApiContext& ctx, const catalog::Entry& e, bool with_fields) {
  auto o = catalog::entry_to_json(e, with_fields);
  add_attribute_labels(o, ctx.policy);
  return o;
}

}  // namespace kf::api
