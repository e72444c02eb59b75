#include <fmt/format.h>

#include <algorithm>

#include <spdlog/spdlog.h>

#include "catalog/service.h"

namespace kf::catalog {

namespace json = boost::json;

bool Actor::is(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}
bool Actor::member_of(std::int64_t org_id) const {
  return std::find(org_ids.begin(), org_ids.end(), org_id) != org_ids.end();
}
Actor Actor::system(std::string name) { return {0, std::move(name), {"admin"}, {}}; }

namespace {

constexpr const char* kEntrySelect =
    "SELECT e.id, e.provider_id, o.name, e.state, e.revision, e.doc, e.created_at, e.updated_at, "
    "e.published_at, e.published_version_id, e.data_updated_at, e.downloads, e.row_count, o.kind, o.region_code "
    "FROM catalog_entries e JOIN orgs o ON o.id = e.provider_id";

std::optional<std::int64_t> opt_int(const db::Row& r, std::size_t i) {
  return r.is_null(i) ? std::nullopt : std::optional<std::int64_t>(r.int64(i));
}

}  // namespace

static Result<Entry> entry_from_row(const db::Row& r, const core::RegionTable& regions) {
  Entry e;
  e.id = r.int64(0);
  e.provider_id = r.int64(1);
  e.provider_name = r.text(2);
  e.state = r.text(3);
  e.revision = static_cast<int>(r.int64(4));
  boost::system::error_code ec;
  auto doc = json::parse(r.text(5), ec);
  if (ec || !doc.is_object()) return Error::internal("corrupt catalog document for entry " + std::to_string(e.id));
  KF_ASSIGN(e.meta, meta_from_json(doc.as_object()));
  e.created_at = r.int64(6);
  e.updated_at = r.int64(7);
  e.published_at = opt_int(r, 8);
  e.published_version_id = opt_int(r, 9);
  e.data_updated_at = opt_int(r, 10);
  e.downloads = r.int64(11);
  e.row_count = opt_int(r, 12);
  e.provider_kind = r.text(13);
  e.provider_region_code = r.is_null(14) ? std::string() : r.text(14);
  if (const auto* reg = regions.find(e.meta.region_code)) e.region_name = reg->name;
  return e;
}

CatalogService::CatalogService(db::Pool& pool, const core::Clock& clock,
                               const core::RegionTable& regions, CatalogConfig config)
    : pool_(pool), clock_(clock), regions_(regions), cfg_(std::move(config)),
      store_(make_version_store(pool, cfg_.dataset_dir, cfg_.database)) {}

Result<Entry> CatalogService::load(db::Connection& c, const std::string& code) {
  KF_ASSIGN(auto rs, c.query(std::string(kEntrySelect) + " WHERE e.code = ?", {code}));
  if (rs.rows.empty()) return Error::not_found("目录不存在");
  return entry_from_row(rs.rows[0], regions_);
}

Result<std::vector<Entry>> CatalogService::load_all(db::Connection& c, bool published_only) {
  std::string sql = std::string(kEntrySelect) + (published_only ? " WHERE e.state = 'published'" : "") +
                    " ORDER BY e.id";
  KF_ASSIGN(auto rs, c.query(sql));
  std::vector<Entry> out;
  out.reserve(rs.rows.size());
  for (const auto& r : rs.rows) {
    KF_ASSIGN(auto e, entry_from_row(r, regions_));
    out.push_back(std::move(e));
  }
  return out;
}

bool CatalogService::can_read(const Actor* a, const Entry& e) const {
  if (e.state == "published") return true;
  if (!a) return false;
  return a->is("admin") || a->is("authority") || a->member_of(e.provider_id);
}

Result<void> CatalogService::check_can_edit(const Actor& a, const Entry& e) const {
  if (a.is("admin")) return kf::ok();
  if (!(a.is("provider") && a.member_of(e.provider_id))) {
    return Error::denied("只有本单位的数据提供方人员可以修改该目录");
  }
  return kf::ok();
}

// CAT-3: a published entry's description changes only through a change request the authority
// approves (new data versions are not catalog changes).
static Result<void> check_not_published(const Actor& a, const Entry& e) {
  if (a.is("admin") || (e.state != "published" && e.state != "suspended")) return kf::ok();
  Error err = Error::conflict("已发布目录的修改和删除须提交变更申请，经主管部门审核通过后生效");
  err.slug = "change_request_required";
  return err;
}

Result<void> CatalogService::bump_generation(db::Connection& c) {
  KF_TRY(c.query("UPDATE catalog_generation SET generation = generation + 1 WHERE id = 1"));
  return kf::ok();
}

Result<void> CatalogService::record(db::Connection& c, const Entry& e, const Actor& a,
                                    const std::string& action, const std::string& reason) {
  db::Value actor_id = a.user_id ? db::Value(a.user_id) : db::null();
  KF_TRY(c.query("INSERT INTO catalog_history (entry_id, revision, at, actor_id, actor_name, action, reason, doc) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 {e.id, std::int64_t{e.revision}, clock_.now_ms(), actor_id, a.username, action, reason,
                  json::serialize(meta_to_json(e.meta))}));
  return kf::ok();
}

Result<Entry> CatalogService::create(const Actor& a, EntryMeta meta, std::int64_t provider_id) {
  if (!a.is("admin") && !a.is("provider")) return Error::denied("只有数据提供方人员可以编目");
  if (provider_id == 0) {
    if (a.org_ids.size() != 1) return Error::invalid("请指定数据提供单位（provider_id）", "provider_id");
    provider_id = a.org_ids.front();
  }
  if (!a.is("admin") && !a.member_of(provider_id)) {
    return Error::denied("只能为本单位编目");
  }
  KF_TRY(validate(meta));
  if (!meta.region_code.empty()) KF_TRY(regions_.check(meta.region_code));
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto org, c->query("SELECT kind FROM orgs WHERE id = ?", {provider_id}));
  if (org.rows.empty()) return Error::invalid("数据提供单位不存在", "provider_id");
  std::int64_t now = clock_.now_ms();
  Entry e;
  e.meta = std::move(meta);
  e.provider_id = provider_id;
  e.revision = 1;
  KF_TRY(db::transaction(*c, [&]() -> Result<void> {
    KF_ASSIGN(auto dup, c->query("SELECT 1 FROM catalog_entries WHERE code = ?", {e.meta.code}));
    if (!dup.rows.empty()) return Error::conflict(fmt::format("目录编码已存在：{}", e.meta.code));
    KF_ASSIGN(auto rs, c->query("INSERT INTO catalog_entries (code, provider_id, state, revision, doc, created_at, "
                                "updated_at) VALUES (?, ?, 'draft', 1, ?, ?, ?) RETURNING id",
                                {e.meta.code, provider_id, json::serialize(meta_to_json(e.meta)), now, now}));
    e.id = rs.rows.at(0).int64(0);
    KF_TRY(record(*c, e, a, "create", "新建目录"));
    return bump_generation(*c);
  }));
  return load(*c, e.meta.code);
}

Result<void> CatalogService::save_in(db::Connection& c, const Actor& a, Entry& e, const std::string& action,
                                     const std::string& reason) {
  // The revision check makes concurrent edits fail instead of overwriting each other.
  KF_ASSIGN(auto rs, c.query("UPDATE catalog_entries SET doc = ?, revision = revision + 1, updated_at = ? "
                             "WHERE id = ? AND revision = ?",
                             {json::serialize(meta_to_json(e.meta)), clock_.now_ms(), e.id, std::int64_t{e.revision}}));
  if (rs.affected == 0) return Error::conflict("目录已被他人修改，请刷新后重试");
  ++e.revision;
  KF_TRY(record(c, e, a, action, reason));
  return bump_generation(c);
}

Result<Entry> CatalogService::save(const Actor& a, Entry e, const std::string& action,
                                   const std::string& reason) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_TRY(db::transaction(*c, [&]() -> Result<void> { return save_in(*c, a, e, action, reason); }));
  return load(*c, e.meta.code);
}

Result<Entry> CatalogService::update(const Actor& a, const std::string& code, EntryMeta meta,
                                     const std::string& reason) {
  KF_ASSIGN(Entry e, get(&a, code));
  KF_TRY(check_can_edit(a, e));
  KF_TRY(check_not_published(a, e));
  if (reason.empty()) return Error::invalid("请填写修改原因", "reason");
  if (meta.code != e.meta.code) return Error::invalid("目录编码不能修改", "code");
  if (e.state == "withdrawn") return Error::conflict("已撤销的目录不能修改");
  meta.fields = e.meta.fields;  // the dictionary has its own route
  KF_TRY(validate(meta));
  if (!meta.region_code.empty()) KF_TRY(regions_.check(meta.region_code));
  e.meta = std::move(meta);
  return save(a, std::move(e), "update", reason);
}

Result<Entry> CatalogService::update_dictionary(const Actor& a, const std::string& code,
                                                std::vector<core::Field> fields, const std::string& reason) {
  KF_ASSIGN(Entry e, get(&a, code));
  KF_TRY(check_can_edit(a, e));
  KF_TRY(check_not_published(a, e));
  if (reason.empty()) return Error::invalid("请填写修改原因", "reason");
  e.meta.fields = std::move(fields);
  KF_TRY(validate(e.meta));
  // A published entry's rules take effect on its published data at once.
  if (e.state == "published") KF_TRY(check_mask_rules(e.meta.fields));
  if (e.state == "published" && e.published_version_id) KF_TRY(ensure_desensitized(e, *e.published_version_id));
  return save(a, std::move(e), "dictionary", reason);
}

Result<Entry> CatalogService::get(const Actor* a, const std::string& code) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(Entry e, load(*c, code));
  if (!can_read(a, e)) return Error::not_found("目录不存在");
  return e;
}

Result<std::vector<Entry>> CatalogService::list_mine(const Actor& a) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto all, load_all(*c, false));
  std::vector<Entry> out;
  for (auto& e : all) {
    if (a.is("admin") || a.is("authority") || a.member_of(e.provider_id)) out.push_back(std::move(e));
  }
  return out;
}

Result<void> CatalogService::check_state_change(const Actor& a, const Entry& e, const std::string& action,
                                                const std::string& reason) const {
  if (action != "publish" && action != "suspend" && action != "withdraw" && action != "restore") {
    return Error::invalid(fmt::format("未知操作：{}", action));
  }
  const bool own_provider = a.is("provider") && a.member_of(e.provider_id);
  if (a.is("admin")) {
    // administrators act everywhere
  } else if (a.is("authority") && (!supervises_ || supervises_(a, e.provider_id))) {
    // the authority of the provider's jurisdiction
  } else if (action == "suspend" && own_provider) {
    // a provider suspends its own published data at once (Zhejiang art. 35; Shandong art. 16)
  } else if (a.is("authority")) {
    return Error::denied("该目录的数据提供单位不在你的管辖范围内");
  } else if (own_provider) {
    return Error::denied("数据提供方可以立即暂停本单位的数据；发布、恢复和撤销由主管部门办理");
  } else {
    return Error::denied("只有主管部门或管理员可以发布、暂停或撤销目录");
  }
  if (action != "publish" && reason.empty()) return Error::invalid("请填写原因", "reason");
  if (action == "suspend" && e.state != "published") return Error::conflict("只有已发布的目录可以暂停");
  if (action == "restore" && e.state != "suspended") return Error::conflict("只有已暂停的目录可以恢复");
  if (e.state == "withdrawn" && action != "withdraw") return Error::conflict("已撤销的目录不能再发布");
  return kf::ok();
}

Result<void> CatalogService::prepare_state(const Actor& a, const std::string& code, const std::string& action,
                                           const std::string& reason, std::optional<std::int64_t> version_id) {
  KF_ASSIGN(Entry e, get(&a, code));
  KF_TRY(check_state_change(a, e, action, reason));
  KF_TRY(validate(e.meta));
  // Opening data needs its desensitized copy first (MSK-6): made outside the transaction, it
  // becomes visible with the state change (an unused copy is swept).
  if (action == "publish" || action == "restore") {
    KF_TRY(check_mask_rules(e.meta.fields));
    std::optional<std::int64_t> vid = version_id ? version_id : e.published_version_id;
    if (vid) KF_TRY(ensure_desensitized(e, *vid));
  }
  return kf::ok();
}

Result<void> CatalogService::set_state(db::Tx& tx, const Actor& a, const std::string& code, const std::string& action,
                                       const std::string& reason, std::optional<std::int64_t> version_id) {
  db::Connection& c = tx.conn();
  KF_ASSIGN(Entry e, load(c, code));
  if (!can_read(&a, e)) return Error::not_found("目录不存在");
  KF_TRY(check_state_change(a, e, action, reason));
  const std::string next = action == "suspend" ? "suspended" : action == "withdraw" ? "withdrawn" : "published";
  const std::int64_t now = clock_.now_ms();
  if (action == "publish" && version_id) KF_TRY(switch_published_version(c, e, *version_id, now));
  KF_TRY(c.query("UPDATE catalog_entries SET state = ?, revision = revision + 1, updated_at = ?, "
                 "published_at = CASE WHEN ? = 'published' AND published_at IS NULL THEN ? ELSE published_at END "
                 "WHERE id = ?",
                 {next, now, next, now, e.id}));
  ++e.revision;
  KF_TRY(record(c, e, a, action, reason.empty() ? "发布" : reason));
  KF_TRY(bump_generation(c));
  if (action == "publish" && version_id && version_id != e.published_version_id) tell_published(tx, code, *version_id);
  return kf::ok();
}

Result<void> CatalogService::switch_published_version(db::Connection& c, const Entry& e, std::int64_t version_id,
                                                      std::int64_t now) {
  KF_ASSIGN(auto v, c.query("SELECT row_count FROM dataset_versions WHERE id = ? AND entry_id = ?", {version_id, e.id}));
  if (v.rows.empty()) return Error::invalid("数据版本不存在", "version_id");
  // Switching the published version is this one UPDATE: readers see the old or the new.
  KF_TRY(c.query("UPDATE dataset_versions SET state = 'superseded' WHERE entry_id = ? AND state = 'published'", {e.id}));
  KF_TRY(c.query("UPDATE dataset_versions SET state = 'published', published_at = ? WHERE id = ?", {now, version_id}));
  KF_TRY(c.query("UPDATE catalog_entries SET published_version_id = ?, row_count = ?, data_updated_at = ? WHERE id = ?",
                 {version_id, v.rows[0].int64(0), now, e.id}));
  return kf::ok();
}

void CatalogService::tell_published(db::Tx& tx, const std::string& code, std::int64_t version_id) {
  if (!version_published_) return;
  // Listeners hear of it once the change is committed, with the entry as it then is.
  tx.after_commit([this, code, version_id] {
    auto conn = pool_.acquire();
    if (!conn) return;
    auto out = load(**conn, code);
    if (out) version_published_(*out, version_id);
  });
}

Result<Entry> CatalogService::update_target(const Actor& a, const std::string& code, std::int64_t version_id) {
  KF_ASSIGN(Entry e, get(&a, code));
  if (!(a.is("admin") || (a.is("provider") && a.member_of(e.provider_id)))) {
    return Error::denied("只有本单位的数据提供方人员可以发布数据更新");
  }
  if (e.state != "published" || !e.published_version_id) {
    return Error::conflict("只有已发布的目录可以直接发布数据更新");
  }
  if (*e.published_version_id == version_id) return Error::conflict("该版本已是发布版本");
  return e;
}

Result<void> CatalogService::prepare_version_update(const Actor& a, const std::string& code, std::int64_t version_id) {
  KF_ASSIGN(Entry e, update_target(a, code, version_id));
  KF_TRY(check_mask_rules(e.meta.fields));
  return ensure_desensitized(e, version_id);
}

Result<void> CatalogService::publish_version_update(db::Tx& tx, const Actor& a, const std::string& code,
                                                    std::int64_t version_id, std::int64_t replaces,
                                                    const std::string& reason) {
  db::Connection& c = tx.conn();
  KF_ASSIGN(Entry e, load(c, code));
  if (!(a.is("admin") || (a.is("provider") && a.member_of(e.provider_id)))) {
    return Error::denied("只有本单位的数据提供方人员可以发布数据更新");
  }
  if (e.state != "published" || e.published_version_id != replaces) {
    return Error::conflict("已发布的数据版本刚刚发生了变化，请刷新后重新提交");
  }
  if (reason.empty()) return Error::invalid("请说明更新无需审核的原因", "reason");
  const std::int64_t now = clock_.now_ms();
  KF_ASSIGN(auto v, c.query("SELECT state FROM dataset_versions WHERE id = ? AND entry_id = ?", {version_id, e.id}));
  if (v.rows.empty()) return Error::invalid("数据版本不存在", "version_id");
  if (v.rows[0].text(0) != "ready") return Error::conflict("该版本已被发布或取代，不能再发布");
  KF_TRY(switch_published_version(c, e, version_id, now));
  // A revision of its own, so the entry's history says who replaced which version and why.
  KF_TRY(c.query("UPDATE catalog_entries SET revision = revision + 1, updated_at = ? WHERE id = ?", {now, e.id}));
  ++e.revision;
  KF_TRY(record(c, e, a, "publish_update", reason));
  KF_TRY(bump_generation(c));
  tell_published(tx, code, version_id);
  return kf::ok();
}

Result<Entry> CatalogService::set_state(const Actor& a, const std::string& code, const std::string& action,
                                        const std::string& reason, std::optional<std::int64_t> version_id) {
  KF_TRY(prepare_state(a, code, action, reason, version_id));
  KF_ASSIGN(auto c, pool_.acquire());
  KF_TRY(db::with_tx(*c, [&](db::Tx& tx) { return set_state(tx, a, code, action, reason, version_id); }));
  return load(*c, code);
}

Result<void> CatalogService::prepare_change(const std::string& code, const EntryMeta& meta) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(Entry e, load(*c, code));
  if (meta.code != code) return Error::invalid("目录编码不能修改", "code");
  KF_TRY(validate(meta));
  if (!meta.region_code.empty()) KF_TRY(regions_.check(meta.region_code));
  if (e.state == "published") KF_TRY(check_mask_rules(meta.fields));
  if (e.state == "published" && e.published_version_id) {
    Entry next = e;
    next.meta = meta;
    KF_TRY(ensure_desensitized(next, *e.published_version_id));
  }
  return kf::ok();
}

void CatalogService::undo_change_preparation(const std::string& code) {
  auto c = pool_.acquire();
  if (!c) return;
  auto e = load(**c, code);
  if (!e || e->state != "published" || !e->published_version_id) return;
  if (auto r = ensure_desensitized(*e, *e->published_version_id); !r) {
    spdlog::error("{{\"event\":\"desensitize_restore_failed\",\"entry\":\"{}\"}}", code);
  }
}

Result<void> CatalogService::apply_change(db::Tx& tx, const Actor& a, const std::string& code, EntryMeta meta,
                                          const std::string& reason) {
  KF_ASSIGN(Entry e, load(tx.conn(), code));
  if (e.state == "withdrawn") return Error::conflict("已撤销的目录不能修改");
  if (meta.code != e.meta.code) return Error::invalid("目录编码不能修改", "code");
  auto fields = std::move(meta.fields);
  // Two revisions, as when a provider edits a draft: the description, then the dictionary.
  meta.fields = e.meta.fields;
  e.meta = std::move(meta);
  KF_TRY(save_in(tx.conn(), a, e, "update", reason));
  if (!fields.empty()) {
    e.meta.fields = std::move(fields);
    KF_TRY(save_in(tx.conn(), a, e, "dictionary", reason));
  }
  return kf::ok();
}

Result<std::vector<HistoryItem>> CatalogService::history(const Actor& a, const std::string& code) {
  KF_ASSIGN(Entry e, get(&a, code));
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query("SELECT revision, at, actor_name, action, reason, doc FROM catalog_history "
                              "WHERE entry_id = ? ORDER BY id",
                              {e.id}));
  std::vector<HistoryItem> out;
  json::object previous;
  for (const auto& r : rs.rows) {
    HistoryItem h{static_cast<int>(r.int64(0)), r.int64(1), r.text(2), r.text(3), r.text(4), {}};
    auto doc = json::parse(r.text(5)).as_object();
    h.changes = diff_meta(previous, doc);
    previous = std::move(doc);
    out.push_back(std::move(h));
  }
  return out;
}

Result<std::vector<Change>> CatalogService::diff(const Actor& a, const std::string& code, int from, int to) {
  KF_ASSIGN(Entry e, get(&a, code));
  KF_ASSIGN(auto c, pool_.acquire());
  auto doc_at = [&](int rev) -> Result<json::object> {
    KF_ASSIGN(auto rs, c->query("SELECT doc FROM catalog_history WHERE entry_id = ? AND revision <= ? "
                                "ORDER BY revision DESC, id DESC LIMIT 1",
                                {e.id, std::int64_t{rev}}));
    if (rs.rows.empty()) return Error::not_found(fmt::format("修订版本 {} 不存在", rev));
    return json::parse(rs.rows[0].text(0)).as_object();
  };
  if (from < 1 || to < 1 || from > e.revision || to > e.revision) {
    return Error::invalid(fmt::format("修订版本应在 1–{} 之间", e.revision), "from");
  }
  KF_ASSIGN(auto a_doc, doc_at(from));
  KF_ASSIGN(auto b_doc, doc_at(to));
  return diff_meta(a_doc, b_doc);
}

}  // namespace kf::catalog
