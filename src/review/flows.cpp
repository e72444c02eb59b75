// The flows of this module on the case engine: what an outcome does to the catalog or an
// account, inside the engine's transaction.
#include <fmt/format.h>

#include "catalog/entry.h"
#include "review/review.h"

namespace kf::review {

namespace json = boost::json;

namespace {

catalog::Actor to_catalog(const workflow::Actor& a) { return {a.user_id, a.username, a.roles, a.org_ids}; }

std::optional<std::int64_t> version_of(const workflow::Case& c) {
  if (const auto* v = c.payload.if_contains("version_id"); v && v->is_int64()) return v->as_int64();
  return std::nullopt;
}

// The update a publication case carries (a new version of a published entry), or nullptr.
const json::object* update_of(const workflow::Case& c) {
  const auto* u = c.payload.if_contains("update");
  return u && u->is_object() ? &u->as_object() : nullptr;
}
bool direct_update(const workflow::Case& c) {
  const auto* u = update_of(c);
  return u && u->contains("path") && u->at("path") == "direct";
}
std::int64_t int_at(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_int64() ? v->as_int64() : 0;
}

// PUB-4: the provider submits an entry with a version; approving the last review stage
// publishes the version with its desensitized copy.
class PublicationFlow final : public workflow::Flow {
 public:
  explicit PublicationFlow(ReviewService& review, catalog::CatalogService& catalog) : review_(review), catalog_(catalog) {}
  std::string type() const override { return "publication"; }

  Result<void> check(const workflow::Actor& a, const workflow::Case& c, const workflow::Transition& t,
                     json::object& update) override {
    if (t.action != "resubmit") return kf::ok();
    std::optional<std::int64_t> vid = version_of(c);
    if (const auto* v = update.if_contains("version_id"); v && v->is_int64()) vid = v->as_int64();
    KF_ASSIGN(auto problems, review_.completeness(to_catalog(a), c.subject_code, vid));
    if (!problems.empty()) {
      std::string all;
      for (const auto& p : problems) all += (all.empty() ? "" : "；") + p.message;
      Error err = Error::invalid("重新提交前请先完善：" + all, problems.front().field);
      err.slug = "incomplete";
      return err;
    }
    if (vid) update["version_id"] = *vid;
    // An update resubmitted with another version: say which version it now is (still reviewed).
    if (const auto* u = update_of(c); u && vid && vid != version_of(c)) {
      KF_ASSIGN(auto path, review_.update_path(to_catalog(a), c.subject_code, *vid));
      json::object next = *u;
      next["version_number"] = path.version_number;
      next["replaces_version_id"] = path.replaces_id;
      next["replaces_version_number"] = path.replaces_number;
      update["update"] = std::move(next);
    }
    return kf::ok();
  }
  Result<void> prepare(const workflow::Actor& a, const workflow::Case& c, const workflow::Transition& t) override {
    if (t.end_state != "approved") return kf::ok();
    // CLS-6: personal data the detectors find must still be protected by the rules in force now.
    if (auto vid = version_of(c)) KF_TRY(review_.check_personal_data(to_catalog(a), c.subject_code, *vid));
    if (!direct_update(c)) return catalog_.prepare_state(to_catalog(a), c.subject_code, "publish", "", version_of(c));
    // Published without review: only while nothing a reviewer would look at has changed since
    // the path was shown (the dictionary, the rules, the consistency report, the profile).
    const auto vid = version_of(c);
    if (!vid) return Error::invalid("请选择要发布的数据版本", "version_id");
    KF_ASSIGN(auto path, review_.update_path(to_catalog(a), c.subject_code, *vid));
    if (path.path != "direct" || !path.problems.empty()) {
      Error err = Error::conflict("情况已有变化，该更新需经主管部门审核，请刷新后提交更新审核");
      err.slug = "update_needs_review";
      return err;
    }
    return catalog_.prepare_version_update(to_catalog(a), c.subject_code, *vid);
  }
  Result<void> apply(db::Tx& tx, const workflow::Actor& a, const workflow::Case& c,
                     const workflow::Transition& t) override {
    if (t.end_state != "approved") return kf::ok();
    const auto* u = update_of(c);
    if (!u) {
      return catalog_.set_state(tx, to_catalog(a), c.subject_code, "publish",
                                fmt::format("发布审核通过（事项 {}）", c.id), version_of(c));
    }
    const auto vid = version_of(c);
    if (!vid) return Error::invalid("请选择要发布的数据版本", "version_id");
    const auto number = int_at(*u, "version_number"), replaced = int_at(*u, "replaces_version_number");
    if (!direct_update(c)) {
      return catalog_.set_state(tx, to_catalog(a), c.subject_code, "publish",
                                fmt::format("更新审核通过（事项 {}）：第 {} 版替换第 {} 版", c.id, number, replaced), vid);
    }
    std::string why;
    if (const auto* r = u->if_contains("reasons"); r && r->is_array()) {
      for (const auto& x : r->as_array()) {
        if (x.is_string()) why += (why.empty() ? "" : "；") + std::string(x.as_string());
      }
    }
    return catalog_.publish_version_update(
        tx, to_catalog(a), c.subject_code, *vid, int_at(*u, "replaces_version_id"),
        fmt::format("直接发布更新（事项 {}）：第 {} 版替换第 {} 版，无需审核：{}", c.id, number, replaced, why));
  }
  json::object describe(const workflow::Case& c) const override {
    json::object o{{"panel", "publication"},
                   {"entry", c.subject_code},
                   {"version_id", c.payload.contains("version_id") ? c.payload.at("version_id") : json::value(nullptr)}};
    if (const auto* u = update_of(c)) o["update"] = *u;
    return o;
  }

 private:
  ReviewService& review_;
  catalog::CatalogService& catalog_;
};

// CAT-3: a change or deletion of a published entry takes effect when the authority approves.
class CatalogChangeFlow final : public workflow::Flow {
 public:
  explicit CatalogChangeFlow(catalog::CatalogService& catalog) : catalog_(catalog) {}
  std::string type() const override { return "catalog_change"; }

  Result<void> prepare(const workflow::Actor&, const workflow::Case& c, const workflow::Transition& t) override {
    if (t.end_state != "approved" || kind(c) != "modify") return kf::ok();
    KF_ASSIGN(auto meta, catalog::meta_from_json(c.payload.at("entry").as_object()));
    return catalog_.prepare_change(c.subject_code, meta);
  }
  void undo_prepare(const workflow::Actor&, const workflow::Case& c, const workflow::Transition& t) override {
    if (t.end_state == "approved" && kind(c) == "modify") catalog_.undo_change_preparation(c.subject_code);
  }
  Result<void> apply(db::Tx& tx, const workflow::Actor& a, const workflow::Case& c,
                     const workflow::Transition& t) override {
    if (t.end_state != "approved") return kf::ok();
    const std::string reason =
        fmt::format("变更申请 {} 审核通过：{}", c.id, c.payload.at("reason").as_string().c_str());
    if (kind(c) == "delete") return catalog_.set_state(tx, to_catalog(a), c.subject_code, "withdraw", reason, std::nullopt);
    KF_ASSIGN(auto meta, catalog::meta_from_json(c.payload.at("entry").as_object()));
    return catalog_.apply_change(tx, catalog::Actor::system("review"), c.subject_code, std::move(meta), reason);
  }
  json::object describe(const workflow::Case& c) const override {
    return {{"panel", "catalog_change"}, {"entry", c.subject_code}, {"kind", kind(c)}};
  }

 private:
  static std::string kind(const workflow::Case& c) {
    const auto* k = c.payload.if_contains("kind");
    return k && k->is_string() ? std::string(k->as_string()) : std::string();
  }
  catalog::CatalogService& catalog_;
};

// CAT-7: an enterprise, university or institute applies to publish its own data; approved, the
// applicant becomes a data provider of it.
class IndustryEntryFlow final : public workflow::Flow {
 public:
  explicit IndustryEntryFlow(ReviewService& review) : review_(review) {}
  std::string type() const override { return "industry_entry"; }
  Result<void> apply(db::Tx& tx, const workflow::Actor&, const workflow::Case& c,
                     const workflow::Transition& t) override {
    if (t.end_state != "approved") return kf::ok();
    if (!review_.grant_provider) return Error::unavailable("行业数据开放入口未启用");
    return review_.grant_provider(tx, c.payload.at("applicant_id").as_int64());
  }
  json::object describe(const workflow::Case& c) const override {
    return {{"panel", "industry_entry"}, {"org_id", c.payload.at("org_id")}, {"org_kind", c.payload.at("org_kind")}};
  }

 private:
  ReviewService& review_;
};

}  // namespace

void ReviewService::register_flows() {
  engine_.register_flow(std::make_shared<PublicationFlow>(*this, catalog_));
  engine_.register_flow(std::make_shared<CatalogChangeFlow>(catalog_));
  engine_.register_flow(std::make_shared<IndustryEntryFlow>(*this));
}

}  // namespace kf::review
