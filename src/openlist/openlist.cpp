#include "openlist/openlist.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace kf::openlist {

namespace json = boost::json;

namespace {

constexpr const char* kColumns =
    "id, year, version, state, items, plan, due_date, compiled_at, compiled_by, published_at, case_id";

bool is_authority(const catalog::Actor& a) { return a.is("authority") || a.is("admin"); }

std::optional<std::int64_t> opt_int(const db::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return r.int64(i);
}

OpenList from_row(const db::Row& r, bool with_items) {
  OpenList l;
  l.id = r.int64(0);
  l.year = static_cast<int>(r.int64(1));
  l.version = static_cast<int>(r.int64(2));
  l.state = r.text(3);
  if (with_items) {
    l.items = json::parse(r.text(4)).as_array();
    l.plan = json::parse(r.text(5)).as_array();
  }
  l.due_date = r.text(6);
  l.compiled_at = r.int64(7);
  l.compiled_by = r.text(8);
  l.published_at = opt_int(r, 9);
  l.case_id = opt_int(r, 10);
  return l;
}

}  // namespace

std::string priority_of(const catalog::EntryMeta& m) {
  if (!m.database_group.empty()) return "high";
  static const std::array<const char*, 8> kKeyDomains = {"交通", "医疗", "卫生", "教育", "社会保障", "社保", "就业", "信用"};
  for (const char* d : kKeyDomains) {
    if (m.domain.find(d) != std::string::npos) return "high";
  }
  return "normal";
}

std::string due_date_of(int year, const std::optional<std::string>& mm_dd) {
  return fmt::format("{:04d}-{}", year, mm_dd && mm_dd->size() == 5 ? *mm_dd : std::string("12-31"));
}

OpenListService::OpenListService(db::Pool& pool, const core::Clock& clock, catalog::CatalogService& catalog,
                                 review::ReviewService& review, std::optional<std::string> open_list_due)
    : pool_(pool), clock_(clock), catalog_(catalog), review_(review), due_(std::move(open_list_due)) {}

Result<std::vector<OpenList>> OpenListService::load(const std::string& where, std::vector<db::Value> params,
                                                    bool with_items) {
  KF_ASSIGN(auto conn, pool_.acquire());
  KF_ASSIGN(auto rs, conn->query(fmt::format("SELECT {} FROM open_lists {} ORDER BY year DESC, version DESC", kColumns, where),
                                 params));
  std::vector<OpenList> out;
  for (const auto& r : rs.rows) out.push_back(from_row(r, with_items));
  for (auto& l : out) KF_TRY(sync(l));
  return out;
}

Result<void> OpenListService::sync(OpenList& l) {
  if (!l.case_id) return kf::ok();
  auto c = review_.engine().get(*l.case_id);
  if (!c) return c.error().code == ErrorCode::not_found ? kf::ok() : Result<void>(c.error());
  l.case_state = c->state;
  return kf::ok();
}

namespace {

// The open list's flow: the case's outcome publishes the list (or gives it back as a draft) in
// the engine's transaction.
class OpenListFlow final : public workflow::Flow {
 public:
  explicit OpenListFlow(const core::Clock& clock) : clock_(clock) {}
  std::string type() const override { return "open_list"; }
  Result<void> apply(db::Tx& tx, const workflow::Actor&, const workflow::Case& c,
                     const workflow::Transition& t) override {
    if (t.end_state.empty() || !c.payload.contains("list_id")) return kf::ok();
    const std::int64_t id = c.payload.at("list_id").as_int64();
    if (t.end_state == "approved") {
      KF_TRY(tx->query("UPDATE open_lists SET state = 'published', published_at = ? WHERE id = ? AND state = 'in_review'",
                       {clock_.now_ms(), id}));
    } else {
      KF_TRY(tx->query("UPDATE open_lists SET state = 'draft' WHERE id = ? AND state = 'in_review'", {id}));
    }
    return kf::ok();
  }
  boost::json::object describe(const workflow::Case& c) const override {
    return {{"panel", "open_list"}, {"list_id", c.payload.contains("list_id") ? c.payload.at("list_id") : json::value(nullptr)}};
  }

 private:
  const core::Clock& clock_;
};

}  // namespace

void OpenListService::register_flow() { review_.engine().register_flow(std::make_shared<OpenListFlow>(clock_)); }

Result<OpenList> OpenListService::compile(const catalog::Actor& a, int year) {
  if (!is_authority(a)) return Error::denied("只有主管部门或管理员可以编制开放清单");
  if (year < 2000 || year > 2100) return Error::invalid("年度应在 2000 至 2100 之间", "year");
  KF_ASSIGN(auto entries, catalog_.list_mine(a));
  std::sort(entries.begin(), entries.end(), [](const catalog::Entry& x, const catalog::Entry& y) {
    return x.meta.code < y.meta.code;
  });
  const std::string due = due_date_of(year, due_);
  json::array items, plan;
  for (const auto& e : entries) {
    const auto& m = e.meta;
    if (e.state == "withdrawn") continue;
    if (m.open_attribute != "unconditional" && m.open_attribute != "conditional") continue;
    const bool published = e.state == "published";
    items.push_back({{"code", m.code},
                     {"name", m.name},
                     {"provider", e.provider_name},
                     {"domain", m.domain},
                     {"open_attribute", m.open_attribute},
                     {"update_frequency", m.update_frequency},
                     {"database_group", m.database_group},
                     {"state", e.state},
                     {"published", published}});
    if (!published) {
      plan.push_back({{"code", m.code},
                      {"name", m.name},
                      {"responsible", e.provider_name},
                      {"domain", m.domain},
                      {"open_attribute", m.open_attribute},
                      {"priority", priority_of(m)},
                      {"target_date", due},
                      {"state", e.state}});
    }
  }
  // High-priority tasks first, then by code (stable: the catalog order).
  std::stable_sort(plan.begin(), plan.end(), [](const json::value& x, const json::value& y) {
    return x.at("priority") == "high" && y.at("priority") != "high";
  });

  KF_ASSIGN(auto existing, load("WHERE year = ? AND state <> 'published'", {std::int64_t{year}}, false));
  for (const auto& l : existing) {
    if (l.state == "in_review" && l.case_state == "open") {
      return Error::conflict(fmt::format("{}年度开放清单（第 {} 版）正在审核中（事项 {}），请等待办结或退回后再重新编制",
                                         year, l.version, *l.case_id));
    }
  }
  const std::int64_t now = clock_.now_ms();
  const std::string items_text = json::serialize(items), plan_text = json::serialize(plan);
  KF_ASSIGN(auto conn, pool_.acquire());
  std::int64_t id = 0;
  KF_TRY(db::transaction(*conn, [&]() -> Result<void> {
    if (!existing.empty()) {
      id = existing.front().id;
      KF_ASSIGN(auto upd, conn->query("UPDATE open_lists SET state = 'draft', items = ?, plan = ?, due_date = ?, "
                                      "compiled_at = ?, compiled_by = ? WHERE id = ? AND state <> 'published'",
                                      {items_text, plan_text, due, now, a.username, id}));
      if (upd.affected != 1) return Error::conflict("该清单刚被他人处理，请刷新后再试");
      return kf::ok();
    }
    KF_ASSIGN(auto vs, conn->query("SELECT COALESCE(MAX(version), 0) FROM open_lists WHERE year = ?", {std::int64_t{year}}));
    const std::int64_t version = vs.rows.at(0).int64(0) + 1;
    KF_ASSIGN(auto rs, conn->query("INSERT INTO open_lists (year, version, state, items, plan, due_date, compiled_at, "
                                   "compiled_by, published_at, case_id) VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, NULL, NULL) "
                                   "RETURNING id",
                                   {std::int64_t{year}, version, items_text, plan_text, due, now, a.username}));
    id = rs.rows.at(0).int64(0);
    return kf::ok();
  }));
  return get(id);
}

Result<workflow::Case> OpenListService::submit(const catalog::Actor& a, std::int64_t id, const std::string& comment) {
  if (!is_authority(a)) return Error::denied("只有主管部门或管理员可以提交开放清单");
  KF_ASSIGN(OpenList l, get(id));
  if (l.state != "draft") return Error::conflict(l.state == "published" ? "该清单已公布" : "该清单正在审核中");
  if (l.items.empty()) return Error::invalid("清单为空：目录中还没有无条件开放或有条件开放的数据");
  workflow::Case c;
  const json::object update{{"list_id", l.id}, {"year", l.year}, {"version", l.version}};
  if (l.case_id && l.case_state == "returned") {
    // The compiling stage after a return: resubmitting moves the same case on.
    KF_ASSIGN(c, review_.engine().act(review::to_workflow(a), *l.case_id, "resubmit", comment, update));
  } else {
    KF_ASSIGN(auto nc, review_.new_case("open_list"));
    // On this platform the authority compiles the list from the catalog the providers keep: the
    // compiling bureau is the applicant, and the review goes to the authority of its level, or
    // of the city level or above where the profile says so (Shandong art. 8).
    nc.stages.front().assignee = "applicant";
    const std::int64_t owner = a.org_ids.empty() ? 0 : a.org_ids.front();
    nc.title = fmt::format("{}年度公共数据开放清单（第 {} 版）", l.year, l.version);
    nc.subject_code = fmt::format("open-list-{}", l.year);
    nc.owner_org_id = owner;
    nc.payload = update;
    KF_ASSIGN(c, review_.engine().submit(review::to_workflow(a), std::move(nc), comment));
  }
  KF_ASSIGN(auto conn, pool_.acquire());
  KF_ASSIGN(auto upd, conn->query("UPDATE open_lists SET state = 'in_review', case_id = ? WHERE id = ? AND state = 'draft'",
                                  {c.id, l.id}));
  if (upd.affected != 1) return Error::conflict("该清单刚被他人处理，请刷新后再试");
  return c;
}

Result<workflow::Case> OpenListService::act(const catalog::Actor& a, std::int64_t case_id, const std::string& action,
                                            const std::string& comment) {
  KF_ASSIGN(workflow::Case before, review_.engine().get(case_id));
  if (before.type != "open_list" || !before.payload.contains("list_id")) return Error::not_found("开放清单事项不存在");
  return review_.engine().act(review::to_workflow(a), case_id, action, comment);
}

Result<OpenList> OpenListService::current() {
  // Lists under review first: one approved through the generic case actions becomes public.
  KF_TRY(load("WHERE state = 'in_review'", {}, false));
  KF_ASSIGN(auto published, load("WHERE state = 'published'", {}, true));
  if (published.empty()) return Error::not_found("尚未公布年度开放清单");
  return published.front();
}

Result<OpenList> OpenListService::get(std::int64_t id) {
  KF_ASSIGN(auto found, load("WHERE id = ?", {id}, true));
  if (found.empty()) return Error::not_found("开放清单不存在");
  return found.front();
}

Result<std::vector<OpenList>> OpenListService::list(bool with_items) { return load("", {}, with_items); }

json::object to_json(const OpenList& l) {
  std::int64_t high = 0;
  for (const auto& t : l.plan) high += t.at("priority") == "high" ? 1 : 0;
  std::int64_t published = 0;
  for (const auto& i : l.items) published += i.at("published").as_bool() ? 1 : 0;
  json::object o{{"id", l.id},
                 {"year", l.year},
                 {"version", l.version},
                 {"state", l.state},
                 {"due_date", l.due_date},
                 {"compiled_at", core::iso8601(l.compiled_at)},
                 {"compiled_by", l.compiled_by},
                 {"published_at", l.published_at ? json::value(core::iso8601(*l.published_at)) : json::value(nullptr)},
                 {"case_id", l.case_id ? json::value(*l.case_id) : json::value(nullptr)},
                 {"case_state", l.case_state ? json::value(*l.case_state) : json::value(nullptr)},
                 {"items", l.items},
                 {"plan", l.plan}};
  o["counts"] = {{"items", l.items.size()}, {"published", published}, {"planned", l.plan.size()}, {"high_priority", high}};
  return o;
}

}  // namespace kf::openlist
