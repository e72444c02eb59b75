#include "api/views.h"

#include "core/clock.h"

namespace kf::api {

namespace json = boost::json;

namespace {
json::value opt(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}
}  // namespace

json::object user_json(const access::User& u) {
  json::array roles;
  for (const auto& r : u.roles) roles.emplace_back(r);
  json::array orgs;
  for (const auto& m : u.orgs) {
    orgs.push_back(json::object{{"org_id", m.org_id},
                                {"org_name", m.org_name},
                                {"is_cdo", m.is_cdo},
                                {"is_commissioner", m.is_commissioner}});
  }
  return {{"id", u.id},
          {"username", u.username},
          {"phone", opt(u.phone)},
          {"email", opt(u.email)},
          {"roles", roles},
          {"real_name_verified", u.real_name_verified},
          {"real_name_masked", opt(u.real_name_masked)},
          {"orgs", orgs},
          {"disabled", u.disabled},
          {"licence_version", opt(u.licence_version)},
          {"licence_accepted_at", u.licence_accepted_at ? json::value(core::iso8601(u.licence_accepted_at)) : json::value(nullptr)},
          {"created_at", core::iso8601(u.created_at)}};
}

json::object org_json(const access::Org& o) {
  return {{"id", o.id},
          {"name", o.name},
          {"kind", o.kind},
          {"level", o.level},
          {"region_code", o.region_code},
          {"region_name", o.region_name},
          {"parent_id", o.parent_id ? json::value(*o.parent_id) : json::value(nullptr)},
          {"credit_code", o.credit_code ? json::value(*o.credit_code) : json::value(nullptr)},
          {"legal_representative", o.legal_representative ? json::value(*o.legal_representative) : json::value(nullptr)},
          {"created_at", core::iso8601(o.created_at)}};
}

json::object api_key_json(const access::ApiKey& k) {
  return {{"id", k.id},
          {"name", k.name},
          {"prefix", k.prefix},
          {"created_at", core::iso8601(k.created_at)},
          {"last_used_at", k.last_used_at ? json::value(core::iso8601(*k.last_used_at))
                                          : json::value(nullptr)},
          {"revoked", k.revoked}};
}

}  // namespace kf::api
