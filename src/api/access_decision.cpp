// The access decision as the read paths use it: fills the decision's plain inputs from the
// request, the catalog entry, the policy profile and the configuration, and turns its answer
// into what the read path serves or refuses.
#include <fmt/format.h>

#include "api/handlers.h"

namespace kf::api {

namespace json = boost::json;

access::Rules access_rules(const ApiContext& ctx) {
  access::Rules r;
  const auto& f = ctx.policy.flags;
  r.anonymous_download = f.anonymous_download;
  r.conditional_downloadable = f.conditional_downloadable;
  r.sharing_only = f.sharing_only;
  r.user_grades = f.user_grades;
  r.sandbox = f.sandbox;
  if (ctx.policy.user_grades) {
    r.grade_levels = ctx.policy.user_grades->levels;
    r.sandbox_grade = ctx.policy.user_grades->sandbox;
  }
  r.download = ctx.config.access;
  r.licence_version = ctx.licence.version;
  r.licence_title = ctx.licence.title;
  if (auto it = ctx.policy.open_labels.find("conditional"); it != ctx.policy.open_labels.end()) r.conditional_label = it->second;
  if (auto it = ctx.policy.open_labels.find("not_open"); it != ctx.policy.open_labels.end()) r.not_open_label = it->second;
  return r;
}

access::Actor access_actor(const http::Request& req) {
  access::Actor a;
  if (!req.principal) return a;
  const auto& p = *req.principal;
  a.user_id = p.user_id;
  a.roles = p.roles;
  a.org_ids = p.org_ids;
  a.verified = p.verified;
  a.licence = p.licence_version;
  return a;  // no grade: user grades are not stored yet
}

catalog::ReadPermit DataRead::permit() const {
  catalog::ReadPermit p;
  p.staff_view = decision.raw_allowed;
  if (decision.kind == access::Decision::Kind::fields) p.fields = decision.fields;
  return p;
}

Error refusal_error(const access::Decision& d) {
  Error e = d.http_status == 404   ? Error::not_found(d.reason)
            : d.http_status == 429 ? Error{ErrorCode::rate_limited, d.reason}
                                   : Error::denied(d.reason);
  e.slug = d.slug;
  e.action = access::to_string(d.action);
  return e;
}

Result<DataRead> decide_read(ApiContext& ctx, const http::Request& req, const std::string& code,
                             access::Channel channel) {
  auto actor = actor_of(req);
  KF_ASSIGN(catalog::Entry e, ctx.catalog.get(actor ? &*actor : nullptr, code));
  access::Subject subject;
  subject.code = e.meta.code;
  subject.state = e.state;
  subject.open_attribute = e.meta.open_attribute;
  subject.provider_id = e.provider_id;
  subject.provider_name = e.provider_name;
  for (const auto& f : e.meta.fields) subject.fields.push_back(f.name);
  DataRead out;
  out.channel = channel;
  out.decision = access::decide(access_actor(req), subject, channel, access_rules(ctx), ctx.grants, ctx.clock.now_ms());
  if (out.decision.refused()) return refusal_error(out.decision);
  out.entry = std::move(e);
  return out;
}

void mark_decision(http::Response& res, const DataRead& read) {
  res.set("X-Access-Decision",
          fmt::format("{}; {}", access::to_string(read.channel), access::to_string(read.decision.kind)));
}

void record_grant_use(ApiContext& ctx, const http::Request& req, const DataRead& read, std::int64_t rows,
                      std::int64_t bytes) {
  if (read.decision.grant_id == 0 || !req.principal) return;
  access::GrantUse use;
  use.grant_id = read.decision.grant_id;
  use.source = read.decision.grant_source;
  use.user_id = req.principal->user_id;
  use.entry_code = read.entry.meta.code;
  use.channel = read.channel;
  use.rows = rows;
  use.bytes = bytes;
  if (read.decision.kind == access::Decision::Kind::fields) {
    use.fields = read.decision.fields;
  } else {
    for (const auto& f : read.entry.meta.fields) use.fields.push_back(f.name);
  }
  ctx.grants.record_use(use);
}

Result<void> restrict_to_decision(const DataRead& read, query::QueryParams& params) {
  if (read.decision.kind != access::Decision::Kind::preview) return kf::ok();
  const int preview = read.decision.preview_rows;
  auto number = [](const std::optional<std::string>& s) { return s ? std::strtoll(s->c_str(), nullptr, 10) : 0; };
  bool beyond = number(params.offset) > 0 || (params.limit && number(params.limit) > preview);
  if (beyond) {
    access::Decision refused = read.decision;
    refused.kind = access::Decision::Kind::refused;
    refused.http_status = 403;
    return refusal_error(refused);
  }
  params.limit = std::to_string(params.limit ? number(params.limit) : preview);
  return kf::ok();
}

access::Decision download_standing(ApiContext& ctx, const http::Request& req) {
  access::Subject any_open;
  any_open.state = "published";
  any_open.open_attribute = "unconditional";
  any_open.provider_id = -1;  // nobody's own entry: the rule as it applies to data of others
  return access::decide(access_actor(req), any_open, access::Channel::download_csv, access_rules(ctx), ctx.grants,
                        ctx.clock.now_ms());
}

}  // namespace kf::api
