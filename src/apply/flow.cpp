// The "conditional_application" flow: what the engine's transitions of an application do.
#include <fmt/format.h>

#include <algorithm>

#include "apply/apply.h"

namespace kf::apply {

namespace json = boost::json;

namespace {

class ConditionalApplicationFlow final : public workflow::Flow {
 public:
  explicit ConditionalApplicationFlow(ApplyService& svc) : svc_(svc) {}
  std::string type() const override { return "conditional_application"; }

  Result<void> check(const workflow::Actor&, const workflow::Case& c, const workflow::Transition& t,
                     json::object& update) override {
    if (t.from_stage == "agreement" && t.action == "approve" && !update.contains("agreement_sha256")) {
      return Error::invalid("请先阅读开放利用协议，点击“同意并保存”签订", "agreement");
    }
    if (t.from_stage == "provider_review" && t.action == "reject") {
      const auto* g = update.if_contains("legal_ground");
      if (!g || !g->is_string() || g->as_string().empty()) {
        // APP-3: providers may refuse reasonable demands only on legal grounds (Lishui art. 11(3)).
        return Error::invalid("拒绝需求须写明依据的法律、法规、规章或国家规定", "legal_ground");
      }
    }
    if (const auto* g = update.if_contains("granted_fields")) {
      if (t.from_stage != "provider_review" || t.action != "approve") {
        return Error::invalid("只有数据提供单位审核通过时可以确定授权的数据项", "granted_fields");
      }
      const auto& asked = c.payload.at("fields").as_array();
      if (!g->is_array() || g->as_array().empty()) return Error::invalid("请至少授权一个数据项", "granted_fields");
      for (const auto& f : g->as_array()) {
        if (std::find(asked.begin(), asked.end(), f) == asked.end()) {
          return Error::invalid("授权的数据项只能是申请的数据项", "granted_fields");
        }
      }
    }
    for (const char* k : {"calls_per_day", "rows_per_day"}) {
      if (const auto* v = update.if_contains(k)) {
        if (t.from_stage != "provider_review" || t.action != "approve") {
          return Error::invalid("只有数据提供单位审核通过时可以确定每日用量", k);
        }
        if (!v->is_int64() || v->as_int64() < 1) return Error::invalid("每日用量应为正整数", k);
      }
    }
    return kf::ok();
  }

  Result<void> apply(db::Tx& tx, const workflow::Actor&, const workflow::Case& c,
                     const workflow::Transition& t) override {
    if (t.from_stage == "agreement" && t.action == "approve") KF_TRY(svc_.store_agreement(tx, c));
    if (t.end_state == "approved") KF_TRY(svc_.create_grant(tx, c));
    return kf::ok();
  }

  json::object describe(const workflow::Case& c) const override { return svc_.panel(c); }

 private:
  ApplyService& svc_;
};

}  // namespace

void ApplyService::register_flow() {
  review_.engine().register_flow(std::make_shared<ConditionalApplicationFlow>(*this));
  review_.engine().add_timer([this] { return tick(); });
}

void ApplyService::register_reevaluation() {
  if (cfg_.reevaluate_months > 0) review_.engine().add_timer([this] { return reevaluation_tick(); });
}

}  // namespace kf::apply
