// CLS-5: providers re-evaluate their conditional entries on the profile's period (Zhejiang art. 15
// ¶2 "对现有受限开放类数据定期进行评估，具备条件的，应当及时转为无条件开放类数据"; Weifang). Each
// evaluation is recorded with its conclusion; the next one is due a period after the last (or
// after publication); when it falls due the provider's staff are told once.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "apply/apply.h"
#include "notify/notify.h"

namespace kf::apply {

namespace json = boost::json;

namespace {

constexpr std::string_view kLastEvaluations =
    "SELECT r.entry_code, r.conclusion, r.note, r.by_name, r.at FROM apply_reevaluations r "
    "JOIN (SELECT entry_code, MAX(id) AS id FROM apply_reevaluations GROUP BY entry_code) m ON m.id = r.id";

bool conditional_published(const catalog::Entry& e) {
  return e.state == "published" && e.meta.open_attribute == "conditional";
}

struct Last {
  std::string conclusion, note, by;
  std::int64_t at = 0;
};

// A published conditional entry the actor sees, its last evaluation and when the next is due
// (the last evaluation, else publication, plus `months`; empty when months is 0).
struct Due {
  catalog::Entry entry;
  std::optional<Last> last;
  std::string due_on;
};

Result<std::vector<Due>> due_list(catalog::CatalogService& catalog, db::Pool& pool, const catalog::Actor& a, int months) {
  KF_ASSIGN(auto entries, catalog.list_mine(a));
  KF_ASSIGN(auto c, pool.acquire());
  KF_ASSIGN(auto rs, c->query(std::string(kLastEvaluations), {}));
  std::map<std::string, Last> last;
  for (const auto& r : rs.rows) last[r.text(0)] = Last{r.text(1), r.text(2), r.text(3), r.int64(4)};
  std::vector<Due> out;
  for (auto& e : entries) {
    if (!conditional_published(e)) continue;
    Due d{std::move(e), std::nullopt, {}};
    if (auto it = last.find(d.entry.meta.code); it != last.end()) d.last = it->second;
    if (months > 0) {
      const std::int64_t from = d.last ? d.last->at : d.entry.published_at.value_or(d.entry.created_at);
      d.due_on = beijing_day(months_later(from, months));
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

Result<json::array> ApplyService::reevaluations(const catalog::Actor& a) {
  if (!a.is("provider") && !a.is("authority") && !a.is("admin")) {
    return Error::denied("只有数据提供单位和主管部门可以查看定期评估");
  }
  KF_ASSIGN(auto due, due_list(catalog_, pool_, a, cfg_.reevaluate_months));
  json::array out;
  for (const auto& d : due) {
    const auto& e = d.entry;
    json::object o{{"entry_code", e.meta.code},
                   {"entry_name", e.meta.name},
                   {"provider_id", e.provider_id},
                   {"provider_name", e.provider_name},
                   {"published_on", e.published_at ? json::value(beijing_day(*e.published_at)) : json::value(nullptr)},
                   {"due_on", d.due_on.empty() ? json::value(nullptr) : json::value(d.due_on)},
                   {"last", nullptr}};
    if (d.last) {
      o["last"] = json::object{{"conclusion", d.last->conclusion},
                               {"note", d.last->note},
                               {"by", d.last->by},
                               {"on", beijing_day(d.last->at)}};
    }
    out.push_back(std::move(o));
  }
  std::stable_sort(out.begin(), out.end(), [](const json::value& x, const json::value& y) {
    const auto& dx = x.as_object().at("due_on");
    const auto& dy = y.as_object().at("due_on");
    if (dx.is_null() || dy.is_null()) return !dx.is_null() && dy.is_null();
    return dx.as_string() < dy.as_string();
  });
  return out;
}

Result<json::object> ApplyService::reevaluate(const catalog::Actor& a, const std::string& code,
                                              const std::string& conclusion, const std::string& note) {
  KF_ASSIGN(catalog::Entry e, catalog_.get(&a, code));
  if (!a.is("provider") || !a.member_of(e.provider_id)) return Error::denied("只有本单位的数据提供方人员可以评估本单位的目录");
  if (!conditional_published(e)) return Error::conflict(fmt::format("只有已发布的{}目录需要定期评估", cfg_.conditional_label));
  if (conclusion != "keep" && conclusion != "convert") {
    return Error::invalid("评估结论应为 keep（继续有条件开放）或 convert（转为无条件开放）", "conclusion");
  }
  // Keeping data closed needs its reason (Zhejiang art. 15: what still meets the conditions).
  if (conclusion == "keep" && note.empty()) return Error::invalid("请写明继续有条件开放的理由", "note");
  if (note.size() > 2000) return Error::invalid("说明不超过 2000 字节", "note");
  KF_ASSIGN(auto c, pool_.acquire());
  const std::int64_t now = clock_.now_ms();
  KF_TRY(c->query("INSERT INTO apply_reevaluations (entry_code, conclusion, note, by_user_id, by_name, at) "
                  "VALUES (?, ?, ?, ?, ?, ?)",
                  {code, conclusion, note, a.user_id, a.username, now}));
  json::object o{{"entry_code", code},
                 {"conclusion", conclusion},
                 {"on", beijing_day(now)},
                 {"due_on", cfg_.reevaluate_months > 0 ? json::value(beijing_day(months_later(now, cfg_.reevaluate_months)))
                                                       : json::value(nullptr)}};
  // Converting is a change of the open attribute: the catalog change procedure, reviewed by the
  // authority like every change of a published entry.
  if (conclusion == "convert") o["next"] = "catalog_change";
  return o;
}

Result<workflow::TickReport> ApplyService::reevaluation_tick() {
  workflow::TickReport report;
  if (cfg_.reevaluate_months <= 0) return report;
  const std::int64_t now = clock_.now_ms();
  const std::string today = beijing_day(now);
  {
    // Once a day per process: the pass reads the whole catalog.
    std::lock_guard lock(reevaluation_mu_);
    if (reevaluation_day_ == today) return report;
    reevaluation_day_ = today;
  }
  KF_ASSIGN(auto due, due_list(catalog_, pool_, catalog::Actor::system("reevaluation"), cfg_.reevaluate_months));
  KF_ASSIGN(auto c, pool_.acquire());
  for (const auto& d : due) {
    const catalog::Entry& e = d.entry;
    const std::string& due_on = d.due_on;
    if (due_on.empty() || due_on > today) continue;
    KF_ASSIGN(auto providers, access_.users_with_role("provider", e.provider_id));
    KF_TRY(db::with_tx(*c, [&](db::Tx& tx) -> Result<void> {
      // Claimed once per entry and due date, whichever process gets there first.
      KF_ASSIGN(auto claim, tx->query("INSERT INTO apply_reevaluation_reminders (entry_code, due_on, reminded_at) "
                                      "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                      {e.meta.code, due_on, now}));
      if (claim.affected != 1) return kf::ok();
      ++report.reminders;
      notify::Message m;
      m.subject_code = e.meta.code;
      m.kind = "reevaluation_due";
      m.title = fmt::format("请定期评估{}数据：{}", cfg_.conditional_label, e.meta.name);
      m.body = fmt::format("按规定，开放主体应对现有{0}数据定期进行评估，具备条件的应及时转为无条件开放。“{1}”的评估应于 {2} "
                           "前完成，请在控制台“定期评估”中记录结论；转为无条件开放的，提交目录变更，经主管部门审核后生效。",
                           cfg_.conditional_label, e.meta.name, due_on);
      return review_.engine().notifier().send(tx, providers, m);
    }));
  }
  return report;
}

}  // namespace kf::apply
