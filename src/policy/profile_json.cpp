#include "policy/profile_json.h"

#include "policy/names.h"

namespace kf::policy {

namespace json = boost::json;

namespace {

json::object labels(const std::map<std::string, std::string>& m) {
  json::object o;
  for (const auto& [k, v] : m) o[k] = v;
  return o;
}

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

json::object stage_json(const Stage& s) {
  json::array actions;
  for (const auto& a : s.actions) {
    auto label = s.outcome_labels.find(a);
    json::object o{{"code", a}, {"label", label != s.outcome_labels.end() ? label->second : action_name(a)}};
    if (auto to = s.outcomes.find(a); to != s.outcomes.end()) o["leads_to"] = to->second;
    actions.push_back(std::move(o));
  }
  return {{"key", s.key},
          {"label", s.label},
          {"assignee", s.assignee},
          {"assignee_label", assignee_name(s.assignee)},
          {"deadline_wd", s.deadline_wd},
          {"deadline_cycles", s.deadline_cycles},
          {"immediate", s.immediate},
          {"optional", s.optional},
          {"rounds", strings(s.rounds)},
          {"actions", std::move(actions)},
          {"basis", s.basis},
          {"reject_needs_legal_basis", s.reject_needs_legal_basis}};
}

}  // namespace

json::object to_json(const Profile& p) {
  const Flags& f = p.flags;
  json::object flags{{"conditional_downloadable", f.conditional_downloadable},
                     {"anonymous_download", f.anonymous_download},
                     {"quarterly_review_rounds", f.quarterly_review_rounds},
                     {"user_grades", f.user_grades},
                     {"sharing_only", f.sharing_only},
                     {"sandbox", f.sandbox},
                     {"result_review", f.result_review},
                     {"publish_grant_holders", f.publish_grant_holders},
                     {"consent_required", f.consent_required},
                     {"publish_violations", f.publish_violations}};
  json::value grades = nullptr;
  if (p.user_grades) {
    grades = json::object{{"levels", strings(p.user_grades->levels)},
                          {"apply", p.user_grades->apply},
                          {"sandbox", p.user_grades->sandbox}};
  }
  json::array procedures;
  for (const auto& key : procedure_keys()) {
    auto it = p.procedures.find(key);
    if (it == p.procedures.end()) continue;
    const Procedure& pr = it->second;
    json::array stages;
    for (const auto& s : pr.stages) stages.push_back(stage_json(s));
    procedures.push_back(json::object{{"key", pr.key},
                                      {"label", pr.label},
                                      {"enabled", pr.enabled},
                                      {"deadline_wd", pr.deadline_wd},
                                      {"review_level", pr.review_level},
                                      {"basis", pr.basis},
                                      {"updates", pr.updates},
                                      {"updates_basis", pr.updates_basis},
                                      {"stages", pr.enabled ? std::move(stages) : json::array()}});
  }
  return {{"key", p.key},
          {"name", p.name},
          {"region", p.region},
          {"region_code", p.region_code},
          {"source", p.source},
          {"labels", labels(p.open_labels)},
          {"share_labels", labels(p.share_labels)},
          {"reminder_lead_wd", p.reminder_lead_wd},
          {"open_list_due", p.open_list_due ? json::value(*p.open_list_due) : json::value(nullptr)},
          {"app_publish_months", p.app_publish_months},
          {"usage_report_months", p.usage_report_months},
          {"reevaluate_months", p.reevaluate_months},
          {"catalog_update_wd", p.catalog_update_wd},
          {"flags", std::move(flags)},
          {"user_grades", std::move(grades)},
          {"procedures", std::move(procedures)}};
}

}  // namespace kf::policy
