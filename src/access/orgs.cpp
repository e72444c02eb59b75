#include <fmt/format.h>

#include <algorithm>

#include "access/service.h"
#include "core/credit_code.h"

namespace kf::access {
namespace {

constexpr std::string_view kOrgColumns = "id, name, kind, level, region_code, parent_id, created_at, credit_code, legal_representative";

template <typename List>
bool one_of(const List& list, std::string_view v) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

}  // namespace

static Org org_from_row(const db::Row& r, const core::RegionTable& regions) {
  Org o;
  o.id = r.int64(0);
  o.name = r.text(1);
  o.kind = r.text(2);
  o.level = r.text(3);
  o.region_code = r.text(4);
  if (const auto* reg = regions.find(o.region_code)) o.region_name = reg->name;
  if (!r.is_null(5)) o.parent_id = r.int64(5);
  o.created_at = r.int64(6);
  if (!r.is_null(7)) o.credit_code = r.text(7);
  if (!r.is_null(8)) o.legal_representative = r.text(8);
  return o;
}

Result<Org> AccessService::create_org(const NewOrg& n) {
  if (n.name.empty() || n.name.size() > 200) return Error::invalid("请填写组织名称（不超过 200 字节）", "name");
  if (!one_of(kOrgKinds, n.kind)) {
    return Error::invalid("组织类型应为 authority、provider、enterprise、institution 或 other", "kind");
  }
  if (!one_of(kOrgLevels, n.level)) return Error::invalid("层级应为 province、city 或 county", "level");
  KF_ASSIGN(const core::Region* region, regions_.check(n.region_code));
  if (core::to_string(region->level) != n.level) {
    return Error::invalid(fmt::format("行政区划 {}（{}）不是{}级区划", region->code, region->name,
                                      n.level == "province" ? "省" : n.level == "city" ? "市" : "县"),
                          "region_code");
  }
  std::optional<std::string> credit_code;
  if (n.credit_code && !n.credit_code->empty()) {
    KF_ASSIGN(credit_code, core::check_credit_code(*n.credit_code));
  }
  if (n.legal_representative && n.legal_representative->size() > 100) {
    return Error::invalid("法定代表人不超过 100 字节", "legal_representative");
  }
  KF_ASSIGN(auto c, pool_.acquire());
  if (credit_code) {
    KF_ASSIGN(auto same, c->query("SELECT 1 FROM orgs WHERE credit_code = ?", {*credit_code}));
    if (!same.rows.empty()) return Error::conflict("该统一社会信用代码已登记");
  }
  if (n.parent_id) {
    KF_ASSIGN(auto p, c->query("SELECT 1 FROM orgs WHERE id = ?", {*n.parent_id}));
    if (p.rows.empty()) return Error::invalid("上级组织不存在", "parent_id");
  }
  KF_ASSIGN(auto dup, c->query("SELECT 1 FROM orgs WHERE name = ?", {n.name}));
  if (!dup.rows.empty()) return Error::conflict("同名组织已存在");
  db::Value parent = n.parent_id ? db::Value(*n.parent_id) : db::null();
  auto text_or_null = [](const std::optional<std::string>& v) {
    return v && !v->empty() ? db::Value(*v) : db::null();
  };
  KF_ASSIGN(auto rs, c->query("INSERT INTO orgs (name, kind, level, region_code, parent_id, created_at, credit_code, "
                              "legal_representative) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                              {n.name, n.kind, n.level, n.region_code, parent, clock_.now_ms(),
                               text_or_null(credit_code), text_or_null(n.legal_representative)}));
  return get_org(rs.rows.at(0).int64(0));
}

Result<Org> AccessService::get_org(std::int64_t id) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query(fmt::format("SELECT {} FROM orgs WHERE id = ?", kOrgColumns), {id}));
  if (rs.rows.empty()) return Error::not_found("组织不存在");
  return org_from_row(rs.rows[0], regions_);
}

Result<std::optional<Org>> AccessService::find_org(const std::string& name) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query(fmt::format("SELECT {} FROM orgs WHERE name = ?", kOrgColumns), {name}));
  if (rs.rows.empty()) return std::optional<Org>{};
  return std::optional<Org>(org_from_row(rs.rows[0], regions_));
}

Result<std::vector<Org>> AccessService::list_orgs() {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query(fmt::format("SELECT {} FROM orgs ORDER BY region_code, id", kOrgColumns)));
  std::vector<Org> out;
  for (const auto& r : rs.rows) out.push_back(org_from_row(r, regions_));
  return out;
}

Result<void> AccessService::add_member(std::int64_t user_id, std::int64_t org_id, bool is_cdo,
                                       bool is_commissioner) {
  KF_TRY(get_org(org_id));
  KF_TRY(get_user(user_id));
  KF_ASSIGN(auto c, pool_.acquire());
  std::int64_t cdo = is_cdo ? 1 : 0, com = is_commissioner ? 1 : 0;
  return db::transaction(*c, [&]() -> Result<void> {
    KF_TRY(c->query("DELETE FROM memberships WHERE user_id = ? AND org_id = ?", {user_id, org_id}));
    KF_TRY(c->query("INSERT INTO memberships (user_id, org_id, is_cdo, is_commissioner) VALUES (?, ?, ?, ?)",
                    {user_id, org_id, cdo, com}));
    return kf::ok();
  });
}

}  // namespace kf::access
