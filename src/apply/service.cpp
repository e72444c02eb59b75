#include <openssl/evp.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "apply/apply.h"
#include "apply/detail.h"
#include "core/credit_code.h"
#include "core/crypto.h"
#include "core/id_number.h"
#include "ingest/reader.h"

namespace kf::apply {

namespace json = boost::json;
using detail::bind_ids;
using detail::placeholders;
using detail::rank_of;
using detail::staff_over_all;
using detail::to_array;

namespace {

constexpr std::string_view kGrantColumns =
    "id, case_id, entry_code, entry_name, provider_id, holder_user_id, holder_org_id, holder_name, fields, channels, "
    "calls_per_day, rows_per_day, purpose, starts_at, expires_at, state, state_reason, rectify_by, report_due, "
    "app_due, created_at, app_overdue_at, report_overdue_at";
constexpr std::string_view kAttachmentColumns =
    "id, owner_user_id, case_id, kind, file_name, content_type, size, sha256, created_at";
constexpr std::int64_t kDayMs = 86400000;

std::vector<std::string> strings_of(const json::value& v) {
  std::vector<std::string> out;
  if (!v.is_array()) return out;
  for (const auto& x : v.as_array()) {
    if (x.is_string()) out.emplace_back(x.as_string());
  }
  return out;
}

std::vector<std::string> strings_of_text(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return ec ? std::vector<std::string>{} : strings_of(v);
}

std::optional<std::int64_t> opt_int(const db::Row& r, std::size_t i) {
  return r.is_null(i) ? std::nullopt : std::optional<std::int64_t>(r.int64(i));
}
std::optional<std::string> opt_text(const db::Row& r, std::size_t i) {
  return r.is_null(i) ? std::nullopt : std::optional<std::string>(r.text(i));
}
db::Value value_or_null(const std::optional<std::int64_t>& v) { return v ? db::Value(*v) : db::null(); }
db::Value value_or_null(const std::optional<std::string>& v) { return v ? db::Value(*v) : db::null(); }

Grant grant_from_row(const db::Row& r) {
  Grant g;
  g.id = r.int64(0);
  g.case_id = r.int64(1);
  g.entry_code = r.text(2);
  g.entry_name = r.text(3);
  g.provider_id = r.int64(4);
  g.holder_user_id = r.int64(5);
  g.holder_org_id = opt_int(r, 6);
  g.holder_name = r.text(7);
  g.fields = strings_of_text(r.text(8));
  g.channels = strings_of_text(r.text(9));
  g.calls_per_day = opt_int(r, 10);
  g.rows_per_day = opt_int(r, 11);
  g.purpose = r.text(12);
  g.starts_at = r.int64(13);
  g.expires_at = r.int64(14);
  g.state = r.text(15);
  g.state_reason = r.text(16);
  g.rectify_by = opt_text(r, 17);
  g.report_due = opt_text(r, 18);
  g.app_due = opt_text(r, 19);
  g.created_at = r.int64(20);
  g.app_overdue_at = opt_int(r, 21);
  g.report_overdue_at = opt_int(r, 22);
  return g;
}

Attachment attachment_from_row(const db::Row& r) {
  Attachment a;
  a.id = r.int64(0);
  a.owner_user_id = r.int64(1);
  a.case_id = opt_int(r, 2);
  a.kind = r.text(3);
  a.file_name = r.text(4);
  a.content_type = r.text(5);
  a.size = r.int64(6);
  a.sha256 = r.text(7);
  a.created_at = r.int64(8);
  return a;
}

// The access channels a granted way of use opens.
std::vector<access::Channel> access_channels(const std::vector<std::string>& granted) {
  using C = access::Channel;
  std::vector<C> out;
  for (const auto& g : granted) {
    if (g == "api") {
      for (C c : {C::preview, C::rows, C::soda, C::ckan_datastore, C::map, C::sample, C::verification}) out.push_back(c);
    } else if (g == "download") {
      for (C c : {C::download_csv, C::download_xlsx, C::download_json}) out.push_back(c);
    } else if (g == "sandbox") {
      out.push_back(C::sandbox);
    }
  }
  return out;
}

std::string channel_label(const std::string& c) {
  if (c == "api") return "数据接口";
  if (c == "download") return "文件下载";
  if (c == "sandbox") return "数据沙箱";
  return c;
}


std::string date_of(std::int64_t ms) { return beijing_day(ms); }

bool valid_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int y = 0, m = 0, d = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return false;
  return std::chrono::year_month_day{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                                     std::chrono::day(static_cast<unsigned>(d))}
      .ok();
}

// Splits CSV text into rows of fields (RFC 4180 quotes; CRLF or LF; a UTF-8 BOM is skipped).
std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

// The content type of an uploaded material from its first bytes (never from the name).
std::optional<std::string> sniff(const std::string& bytes) {
  if (bytes.rfind("%PDF-", 0) == 0) return "application/pdf";
  if (bytes.rfind("\x89PNG\r\n\x1a\n", 0) == 0) return "image/png";
  if (bytes.size() > 3 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xD8 &&
      static_cast<unsigned char>(bytes[2]) == 0xFF) {
    return "image/jpeg";
  }
  return std::nullopt;
}

const std::vector<std::string> kAttachmentKinds{"credit_report",  "protection_certificate", "proof",
                                                "usage_report",   "data_return",            "app_result"};
const std::vector<std::string> kDishonestKinds{"失信被执行人", "严重违法失信", "经营异常"};

}  // namespace

// The date `months` calendar months after the Beijing day of `ms` (the last day of a shorter
// month), as the end of that day in Beijing (ms).
std::int64_t months_later(std::int64_t ms, int months) {
  using namespace std::chrono;
  const std::int64_t local = ms + 8 * 3600 * 1000;
  year_month_day d{floor<days>(sys_time<milliseconds>(milliseconds(local)))};
  year_month_day t = d + std::chrono::months(months);
  if (!t.ok()) t = year_month_day_last(t.year(), month_day_last(t.month()));
  const std::int64_t day_start = duration_cast<milliseconds>(sys_days(t).time_since_epoch()).count();
  return day_start + kDayMs - 8 * 3600 * 1000 - 1;
}

std::string sha256_hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  std::string out;
  for (unsigned int i = 0; i < len; ++i) out += fmt::format("{:02x}", md[i]);
  return out;
}

std::string beijing_day(std::int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000 + 8 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

json::object to_json(const Grant& g) {
  json::array channels;
  for (const auto& c : g.channels) channels.push_back({{"code", c}, {"label", channel_label(c)}});
  return {{"id", g.id},
          {"case_id", g.case_id},
          {"entry_code", g.entry_code},
          {"entry_name", g.entry_name},
          {"provider_id", g.provider_id},
          {"holder_user_id", g.holder_user_id},
          {"holder_org_id", g.holder_org_id ? json::value(*g.holder_org_id) : json::value(nullptr)},
          {"holder_name", g.holder_name},
          {"fields", to_array(g.fields)},
          {"channels", channels},
          {"calls_per_day", g.calls_per_day ? json::value(*g.calls_per_day) : json::value(nullptr)},
          {"rows_per_day", g.rows_per_day ? json::value(*g.rows_per_day) : json::value(nullptr)},
          {"purpose", g.purpose},
          {"starts_on", date_of(g.starts_at)},
          {"expires_on", date_of(g.expires_at)},
          {"state", g.state},
          {"state_reason", g.state_reason},
          {"rectify_by", g.rectify_by ? json::value(*g.rectify_by) : json::value(nullptr)},
          {"report_due", g.report_due ? json::value(*g.report_due) : json::value(nullptr)},
          {"app_due", g.app_due ? json::value(*g.app_due) : json::value(nullptr)},
          {"app_overdue", g.app_overdue_at.has_value()},
          {"report_overdue", g.report_overdue_at.has_value()}};
}

json::object to_json(const Attachment& a) {
  return {{"id", a.id},         {"kind", a.kind}, {"file_name", a.file_name}, {"content_type", a.content_type},
          {"size", a.size},     {"sha256", a.sha256},
          {"case_id", a.case_id ? json::value(*a.case_id) : json::value(nullptr)}};
}

// ------------------------------------------------------------------------------- GrantStore

std::optional<access::Grant> GrantStore::grant_for(const access::Actor& actor, const access::Subject& entry,
                                                   access::Channel) const {
  try {
    auto c = pool_.acquire();
    if (!c) return std::nullopt;
    std::vector<db::Value> params{entry.code, actor.user_id};
    bind_ids(params, actor.org_ids);
    auto rs = (*c)->query(fmt::format("SELECT id, fields, channels, expires_at, state, state_reason, calls_per_day, "
                                      "rows_per_day FROM apply_grants WHERE entry_code = ? AND (holder_user_id = ? "
                                      "OR holder_org_id IN ({})) ORDER BY CASE WHEN state = 'active' THEN 0 ELSE 1 END, "
                                      "expires_at DESC LIMIT 1",
                                      placeholders(actor.org_ids.size())),
                          params);
    if (!rs || rs->rows.empty()) return std::nullopt;
    const auto& r = rs->rows[0];
    access::Grant g;
    g.id = r.int64(0);
    g.fields = strings_of_text(r.text(1));
    g.channels = access_channels(strings_of_text(r.text(2)));
    g.expires_at = r.int64(3);
    g.state = r.text(4);
    g.state_reason = r.text(5);
    g.calls_per_day = opt_int(r, 6);
    g.rows_per_day = opt_int(r, 7);
    g.source = kSource;
    auto used = (*c)->query("SELECT COUNT(*), COALESCE(SUM(row_count), 0) FROM apply_grant_uses WHERE grant_id = ? AND day = ?",
                            {g.id, beijing_day(clock_.now_ms())});
    if (used && !used->rows.empty()) {
      g.calls_today = used->rows[0].int64(0);
      g.rows_today = used->rows[0].int64(1);
    }
    return g;
  } catch (const std::exception& e) {
    spdlog::error("grant lookup failed: {}", e.what());
    return std::nullopt;
  }
}

void GrantStore::record_use(const access::GrantUse& use) const {
  if (use.source != kSource || use.grant_id == 0) return;
  try {
    auto c = pool_.acquire();
    if (!c) return;
    const std::int64_t now = clock_.now_ms();
    auto r = (*c)->query("INSERT INTO apply_grant_uses (grant_id, user_id, channel, row_count, bytes, fields, day, at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         {use.grant_id, use.user_id, std::string(access::to_string(use.channel)), use.rows, use.bytes,
                          json::serialize(to_array(use.fields)), beijing_day(now), now});
    if (!r) spdlog::error("could not record a grant use (grant {}): {}", use.grant_id, r.error().detail);
  } catch (const std::exception& e) {
    spdlog::error("could not record a grant use: {}", e.what());
  }
}

// ----------------------------------------------------------------------------- ApplyService

ApplyService::ApplyService(db::Pool& pool, const core::Clock& clock, catalog::CatalogService& catalog,
                           access::AccessService& access, review::ReviewService& review, ApplyConfig cfg)
    : pool_(pool), clock_(clock), catalog_(catalog), access_(access), review_(review), cfg_(std::move(cfg)) {}

Result<Attachment> ApplyService::upload(const catalog::Actor& a, const std::string& kind, const std::string& file_name,
                                        const std::string& bytes) {
  if (std::find(kAttachmentKinds.begin(), kAttachmentKinds.end(), kind) == kAttachmentKinds.end()) {
    return Error::invalid("材料类型应为 credit_report（信用报告）、protection_certificate（等保证书）、proof（其他证明）、"
                          "usage_report（利用情况报告）、data_return（回流数据）或 app_result（应用成果）",
                          "kind");
  }
  if (file_name.empty() || file_name.size() > 200) return Error::invalid("请填写文件名（不超过 200 字节）", "name");
  if (bytes.empty()) return Error::invalid("文件是空的", "file");
  if (static_cast<std::int64_t>(bytes.size()) > cfg_.max_attachment_bytes) {
    return Error::invalid(fmt::format("文件超过 {} MB", cfg_.max_attachment_bytes >> 20), "file");
  }
  const bool data_file = kind == "data_return";
  auto type = sniff(bytes);
  if (!type && !data_file) return Error::invalid("材料须为 PDF、PNG 或 JPEG 文件", "file");
  if (!type) type = "application/octet-stream";
  Attachment out;
  out.owner_user_id = a.user_id;
  out.kind = kind;
  out.file_name = file_name;
  out.content_type = *type;
  out.size = static_cast<std::int64_t>(bytes.size());
  out.sha256 = sha256_hex(bytes);
  out.created_at = clock_.now_ms();
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query("INSERT INTO apply_attachments (owner_user_id, kind, file_name, content_type, size, sha256, "
                              "content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                              {a.user_id, kind, file_name, out.content_type, out.size, out.sha256, bytes, out.created_at}));
  out.id = rs.rows.at(0).int64(0);
  return out;
}

Result<std::pair<Attachment, std::string>> ApplyService::attachment(const catalog::Actor& a, std::int64_t id) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query(fmt::format("SELECT {}, content FROM apply_attachments WHERE id = ?", kAttachmentColumns), {id}));
  if (rs.rows.empty()) return Error::not_found("材料不存在");
  Attachment att = attachment_from_row(rs.rows[0]);
  if (att.owner_user_id != a.user_id && !a.is("admin")) {
    if (!att.case_id) return Error::not_found("材料不存在");
    auto visible = review_.engine().get_visible(review::to_workflow(a), *att.case_id);
    if (!visible) return Error::not_found("材料不存在");
  }
  return std::make_pair(att, rs.rows[0].text(9));
}

Result<std::vector<Attachment>> ApplyService::new_attachments(const catalog::Actor& a, const std::vector<std::int64_t>& ids) {
  KF_ASSIGN(auto c, pool_.acquire());
  std::vector<Attachment> out;
  for (auto id : ids) {
    KF_ASSIGN(auto rs, c->query(fmt::format("SELECT {} FROM apply_attachments WHERE id = ?", kAttachmentColumns), {id}));
    if (rs.rows.empty()) return Error::invalid(fmt::format("材料 {} 不存在", id), "attachments");
    Attachment att = attachment_from_row(rs.rows[0]);
    if (att.owner_user_id != a.user_id || att.case_id) {
      return Error::invalid(fmt::format("材料 {} 不是您新上传的材料", id), "attachments");
    }
    out.push_back(std::move(att));
  }
  return out;
}

Result<void> ApplyService::check_credit(const access::User& u, const std::optional<access::Org>& org,
                                        const std::string& what) {
  std::vector<db::Value> keys;
  KF_ASSIGN(auto id_hash, access_.id_number_hash(u.id));
  if (id_hash) keys.emplace_back(*id_hash);
  if (org && org->credit_code) keys.emplace_back(core::keyed_hash(cfg_.secret, "credit_code:" + *org->credit_code));
  if (!keys.empty()) {
    KF_ASSIGN(auto c, pool_.acquire());
    KF_ASSIGN(auto rs, c->query(fmt::format("SELECT list_kind, source, listed_on FROM apply_dishonest WHERE key_hash IN ({}) "
                                            "ORDER BY listed_on DESC LIMIT 1",
                                            placeholders(keys.size())),
                                keys));
    if (!rs.rows.empty()) {
      Error e = Error::denied(fmt::format("{}已列入{}名单（来源：{}，列入日期 {}），不能{}",
                                          org ? "申请单位" : "申请人", rs.rows[0].text(0), rs.rows[0].text(1),
                                          rs.rows[0].text(2), what));
      e.slug = "dishonest_listed";
      return e;
    }
  }
  return kf::ok();
}

Result<void> ApplyService::check_eligible(const catalog::Actor& a, const access::User& u,
                                          const std::optional<access::Org>& org) {
  KF_TRY(check_credit(u, org, fmt::format("申请{}数据", cfg_.conditional_label)));
  if (!cfg_.grade_levels.empty() && !cfg_.apply_grade.empty()) {
    std::vector<std::int64_t> orgs;
    if (org) orgs.push_back(org->id);
    KF_ASSIGN(auto grade, grade_of(u.id, org ? orgs : a.org_ids));
    if (rank_of(cfg_.grade_levels, grade.value_or("")) < rank_of(cfg_.grade_levels, cfg_.apply_grade)) {
      Error e = Error::denied(fmt::format("按本地区规定，用户等级达到 {} 级方可申请{}数据；{}", cfg_.apply_grade,
                                          cfg_.conditional_label,
                                          grade ? fmt::format("当前等级为 {} 级", *grade) : std::string("当前尚未评定等级")));
      e.slug = "grade_required";
      return e;
    }
  }
  return kf::ok();
}

Result<workflow::Case> ApplyService::submit(const catalog::Actor& a, const ApplicationForm& f) {
  if (a.user_id == 0) return Error::unauthenticated("请先登录");
  if (!review_.engine().flow("conditional_application")) {
    return Error::unavailable(fmt::format("当前政策配置未定义{}数据申请流程", cfg_.conditional_label));
  }
  KF_ASSIGN(access::User u, access_.get_user(a.user_id));
  if (!u.real_name_verified) {
    Error e = Error::denied(fmt::format("申请{}数据须先完成实名认证", cfg_.conditional_label));
    e.slug = "verification_required";
    e.action = "verify";
    return e;
  }
  KF_ASSIGN(catalog::Entry e, catalog_.get(&a, f.entry_code));
  if (e.state != "published") return Error::invalid("该目录尚未发布，不能申请", "entry_code");
  if (e.meta.open_attribute != "conditional") {
    return Error::invalid(fmt::format("该数据不是{}数据，无需申请", cfg_.conditional_label), "entry_code");
  }
  std::optional<access::Org> org;
  if (f.org_id) {
    if (!a.member_of(*f.org_id)) return Error::denied("只能以本人所在的单位名义申请");
    KF_ASSIGN(org, access_.get_org(*f.org_id));
    if (!org->credit_code) {
      return Error::invalid("申请单位尚未登记统一社会信用代码，请联系平台管理员补充后再申请", "org_id");
    }
  }
  KF_TRY(check_eligible(a, u, org));
  // A renewal (APP-4: 期满前通过开放平台申请续期) names a grant of the same applicant on this entry.
  // A change of terms (变更) likewise names the grant whose agreement it replaces.
  if (f.renews && f.amends) return Error::invalid("续期和变更请分别申请", "amends");
  if (f.renews || f.amends) {
    const std::int64_t based_on = f.renews ? *f.renews : *f.amends;
    auto old = grant(a, based_on);
    const bool own = old && old->entry_code == e.meta.code &&
                     (org ? old->holder_org_id == org->id : (old->holder_user_id == a.user_id && !old->holder_org_id));
    if (!own) {
      return f.renews ? Error::invalid("续期只能针对申请人在该数据上的授权", "renews")
                      : Error::invalid("变更只能针对申请人在该数据上的授权", "amends");
    }
    if (old->state == "terminated" || old->expires_at <= clock_.now_ms()) {
      return Error::conflict("授权已终止或到期，请重新申请");
    }
  }

  // The form (APP-2).
  auto required = [](const std::string& v, const char* field, const char* label) -> Result<void> {
    if (v.empty()) return Error::invalid(fmt::format("请填写{}", label), field);
    if (v.size() > 4000) return Error::invalid(fmt::format("{}不超过 4000 字节", label), field);
    return kf::ok();
  };
  KF_TRY(required(f.contact_name, "contact_name", "联系人"));
  KF_TRY(access::check_phone(f.contact_phone));
  KF_TRY(required(f.app_name, "app_name", "应用（服务）名称"));
  KF_TRY(required(f.scenario, "scenario", "应用场景"));
  for (const auto* v : {&f.domain, &f.service_scope, &f.users, &f.concurrency, &f.expected_effect, &f.system_name,
                        &f.machine_room, &f.protection_filing_no}) {
    if (v->size() > 4000) return Error::invalid("每项内容不超过 4000 字节", "form");
  }
  if (f.protection_level < 0 || f.protection_level > 5) return Error::invalid("等保级别应为 1 至 5 级", "protection_level");
  if (f.fields.empty()) return Error::invalid("请在需求清单中选择需要的数据项", "fields");
  std::set<std::string> seen;
  for (const auto& name : f.fields) {
    bool known = std::any_of(e.meta.fields.begin(), e.meta.fields.end(), [&](const core::Field& x) { return x.name == name; });
    if (!known) return Error::invalid(fmt::format("数据项“{}”不在该目录的数据项中", name), "fields");
    if (!seen.insert(name).second) return Error::invalid(fmt::format("数据项“{}”重复", name), "fields");
  }
  if (f.channels.empty()) return Error::invalid("请选择获取方式", "channels");
  for (const auto& ch : f.channels) {
    if (ch != "api" && ch != "download" && ch != "sandbox") {
      return Error::invalid("获取方式应为 api（数据接口）、download（下载）或 sandbox（数据沙箱）", "channels");
    }
    if (ch == "download" && !cfg_.conditional_downloadable) {
      return Error::invalid(fmt::format("按本地区规定，{}数据不提供文件下载，请选择数据接口", cfg_.conditional_label),
                            "channels");
    }
    if (ch == "sandbox" && !cfg_.sandbox) return Error::invalid("本平台未开通数据沙箱", "channels");
  }
  if (f.months < 1 || f.months > 36) return Error::invalid("使用期限应为 1 至 36 个月", "months");
  if ((f.calls_per_day && *f.calls_per_day < 1) || (f.rows_per_day && *f.rows_per_day < 1)) {
    return Error::invalid("每日调用次数和数据量应为正数", "calls_per_day");
  }
  if (!f.commitment_accepted) return Error::invalid("请阅读并接受公共数据安全承诺书", "commitment_accepted");
  if (!e.meta.open_conditions.empty() && !f.conditions_confirmed) {
    return Error::invalid("请确认已阅读并符合该数据的开放条件", "conditions_confirmed");
  }
  KF_ASSIGN(auto materials, new_attachments(a, f.attachments));
  json::array atts;
  bool credit_report = false;
  for (const auto& att : materials) {
    credit_report = credit_report || att.kind == "credit_report";
    atts.push_back(to_json(att));
  }
  if (!credit_report) return Error::invalid("请上传信用报告（PDF 或图片）", "attachments");

  // One open application per applicant and entry.
  {
    workflow::CaseFilter filter;
    filter.type = "conditional_application";
    filter.subject_code = f.entry_code;
    filter.open_only = true;
    KF_ASSIGN(auto open, review_.engine().list(review::to_workflow(a), filter));
    for (const auto& oc : open) {
      const auto* ap = oc.party("applicant");
      if (ap && ap->user_id == a.user_id) {
        return Error::conflict(fmt::format("您已有该数据的申请在办理中（事项 {}），请等待办结或撤回后再提交", oc.id));
      }
    }
  }

  KF_ASSIGN(auto nc, review_.new_case("conditional_application"));
  nc.title = f.renews   ? fmt::format("{}数据续期申请：{}", cfg_.conditional_label, e.meta.name)
             : f.amends ? fmt::format("{}数据协议变更申请：{}", cfg_.conditional_label, e.meta.name)
                        : fmt::format("{}数据申请：{}", cfg_.conditional_label, e.meta.name);
  nc.subject_code = e.meta.code;
  nc.owner_org_id = e.provider_id;
  workflow::Party applicant{"applicant", a.user_id, std::nullopt, {}};
  if (org) applicant.org_id = org->id;
  nc.parties = {applicant, workflow::Party{"provider", std::nullopt, e.provider_id, {}}};
  const std::string applicant_name = org ? org->name : u.real_name_masked.value_or(u.username);
  json::object form{{"contact_name", f.contact_name},
                    {"contact_phone", f.contact_phone},
                    {"app_name", f.app_name},
                    {"domain", f.domain},
                    {"scenario", f.scenario},
                    {"service_scope", f.service_scope},
                    {"users", f.users},
                    {"concurrency", f.concurrency},
                    {"expected_effect", f.expected_effect},
                    {"system_name", f.system_name},
                    {"machine_room", f.machine_room},
                    {"protection_level", f.protection_level},
                    {"protection_filing_no", f.protection_filing_no},
                    {"commitment_accepted", true},
                    {"conditions_confirmed", f.conditions_confirmed}};
  nc.payload = json::object{{"entry_code", e.meta.code},
                            {"entry_name", e.meta.name},
                            {"provider_name", e.provider_name},
                            {"applicant_name", applicant_name},
                            {"applicant_org_id", org ? json::value(org->id) : json::value(nullptr)},
                            {"form", form},
                            {"fields", to_array(f.fields)},
                            {"channels", to_array(f.channels)},
                            {"months", f.months},
                            {"calls_per_day", f.calls_per_day ? json::value(*f.calls_per_day) : json::value(nullptr)},
                            {"rows_per_day", f.rows_per_day ? json::value(*f.rows_per_day) : json::value(nullptr)},
                            {"attachments", atts},
                            {"renews", f.renews ? json::value(*f.renews) : json::value(nullptr)},
                            {"amends", f.amends ? json::value(*f.amends) : json::value(nullptr)}};
  return open_case(a, nc, "提交申请材料", f.attachments);
}

Result<workflow::Case> ApplyService::open_case(const catalog::Actor& a, const workflow::NewCase& nc,
                                               const std::string& comment, const std::vector<std::int64_t>& attachments) {
  KF_ASSIGN(auto c, pool_.acquire());
  workflow::Case opened;
  KF_TRY(db::with_tx(*c, [&](db::Tx& tx) -> Result<void> {
    KF_ASSIGN(opened, review_.engine().submit(tx, review::to_workflow(a), nc, comment));
    for (auto id : attachments) {
      KF_TRY(tx->query("UPDATE apply_attachments SET case_id = ? WHERE id = ? AND case_id IS NULL", {opened.id, id}));
    }
    return kf::ok();
  }));
  return opened;
}

Result<workflow::Case> ApplyService::act(const catalog::Actor& a, std::int64_t case_id, const std::string& action,
                                         const std::string& comment, const ActOptions& o) {
  json::object update;
  if (o.granted_fields) update["granted_fields"] = to_array(*o.granted_fields);
  if (o.calls_per_day) update["calls_per_day"] = *o.calls_per_day;
  if (o.rows_per_day) update["rows_per_day"] = *o.rows_per_day;
  if (!o.legal_ground.empty()) update["legal_ground"] = o.legal_ground;
  return review_.engine().act(review::to_workflow(a), case_id, action, comment, update);
}

std::string ApplyService::render_agreement(const workflow::Case& c, const std::string& signer, std::int64_t at) const {
  const auto& p = c.payload;
  auto text = [&](const char* k) -> std::string {
    const auto* v = p.if_contains(k);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  std::vector<std::string> fields = strings_of(p.contains("granted_fields") ? p.at("granted_fields") : p.at("fields"));
  std::string field_text, channel_text;
  for (const auto& f : fields) field_text += (field_text.empty() ? "" : "、") + f;
  for (const auto& ch : strings_of(p.at("channels"))) channel_text += (channel_text.empty() ? "" : "、") + channel_label(ch);
  auto quota = [&](const char* k, const char* unit) {
    const auto* v = p.if_contains(k);
    return v && v->is_int64() ? fmt::format("{} {}", v->as_int64(), unit) : std::string("不限");
  };
  const std::int64_t months = p.contains("months") ? p.at("months").as_int64() : 12;
  const auto* form = p.if_contains("form");
  std::string app_name, scenario;
  if (form && form->is_object()) {
    if (const auto* v = form->as_object().if_contains("app_name"); v && v->is_string()) app_name = v->as_string();
    if (const auto* v = form->as_object().if_contains("scenario"); v && v->is_string()) scenario = v->as_string();
  }
  // A renewal or a change says which grant's agreement it continues or replaces.
  std::string basis_note;
  auto id_of = [&](const char* k) -> std::optional<std::int64_t> {
    const auto* v = p.if_contains(k);
    return v && v->is_int64() ? std::optional<std::int64_t>(v->as_int64()) : std::nullopt;
  };
  if (auto r = id_of("renews")) basis_note = fmt::format("本协议为授权 {} 所依据协议的续期协议。", *r);
  if (auto m = id_of("amends")) {
    basis_note = fmt::format("本协议变更授权 {} 所依据协议的约定；本协议生效时，原授权同时终止。", *m);
  }
  const std::map<std::string, std::string> values{
      {"platform", cfg_.platform_name},
      {"case_id", std::to_string(c.id)},
      {"applicant", text("applicant_name")},
      {"provider", text("provider_name")},
      {"entry", text("entry_name")},
      {"entry_code", text("entry_code")},
      {"fields", field_text},
      {"channels", channel_text},
      {"calls_per_day", quota("calls_per_day", "次")},
      {"rows_per_day", quota("rows_per_day", "行")},
      {"app_name", app_name},
      {"purpose", scenario},
      {"months", std::to_string(months)},
      {"label", cfg_.conditional_label},
      {"signer", signer},
      {"date", beijing_day(at)},
      {"basis", basis_note},
  };
  std::string out;
  const std::string& t = cfg_.agreement_template;
  for (std::size_t i = 0; i < t.size();) {
    if (t.compare(i, 2, "{{") == 0) {
      auto end = t.find("}}", i + 2);
      if (end != std::string::npos) {
        auto it = values.find(t.substr(i + 2, end - i - 2));
        if (it != values.end()) {
          out += it->second;
          i = end + 2;
          continue;
        }
      }
    }
    out += t[i++];
  }
  return out;
}

Result<Agreement> ApplyService::agreement(const catalog::Actor& a, std::int64_t case_id) {
  KF_ASSIGN(auto c, review_.engine().get_visible(review::to_workflow(a), case_id));
  if (c.type != "conditional_application") return Error::not_found("申请不存在");
  KF_ASSIGN(auto conn, pool_.acquire());
  KF_ASSIGN(auto rs, conn->query("SELECT id, text, sha256, template_name, signer_user_id, signer_name, signed_at, address "
                                 "FROM apply_agreements WHERE case_id = ?",
                                 {case_id}));
  Agreement out;
  out.case_id = case_id;
  if (!rs.rows.empty()) {
    const auto& r = rs.rows[0];
    out.id = r.int64(0);
    out.text = r.text(1);
    out.sha256 = r.text(2);
    out.template_name = r.text(3);
    out.signer_user_id = r.int64(4);
    out.signer_name = r.text(5);
    out.signed_at = r.int64(6);
    out.address = r.text(7);
    return out;
  }
  out.text = render_agreement(c, "（签署时填写）", clock_.now_ms());
  out.sha256 = sha256_hex(out.text);
  out.template_name = cfg_.agreement_template_name;
  return out;
}

Result<workflow::Case> ApplyService::sign(const catalog::Actor& a, std::int64_t case_id, const std::string& address) {
  const auto wa = review::to_workflow(a);
  KF_ASSIGN(auto c, review_.engine().get_visible(wa, case_id));
  if (c.type != "conditional_application") return Error::not_found("申请不存在");
  if (c.closed() || c.stage().key != "agreement") return Error::conflict("该申请当前不在签订协议环节");
  if (!review_.engine().may_act(wa, c)) return Error::denied("只有申请人可以签订开放利用协议");
  KF_ASSIGN(access::User u, access_.get_user(a.user_id));
  const std::string signer = u.real_name_masked.value_or(u.username);
  const std::int64_t at = clock_.now_ms();
  json::object update{{"agreement_sha256", sha256_hex(render_agreement(c, signer, at))},
                      {"agreement_signer", signer},
                      {"agreement_signer_id", a.user_id},
                      {"agreement_signed_at", at},
                      {"agreement_address", address}};
  return review_.engine().act(wa, case_id, "approve", "同意并保存开放利用协议", update);
}

Result<void> ApplyService::store_agreement(db::Tx& tx, const workflow::Case& c) {
  const auto& p = c.payload;
  const std::string signer(p.at("agreement_signer").as_string());
  const std::int64_t at = p.at("agreement_signed_at").as_int64();
  std::string text = render_agreement(c, signer, at);
  std::string sha = sha256_hex(text);
  if (sha != p.at("agreement_sha256").as_string()) return Error::internal("协议文本在签署过程中发生变化，请重新签署");
  KF_TRY(tx->query("INSERT INTO apply_agreements (case_id, text, sha256, template_name, signer_user_id, signer_name, "
                   "signed_at, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   {c.id, text, sha, cfg_.agreement_template_name, p.at("agreement_signer_id").as_int64(), signer, at,
                    std::string(p.at("agreement_address").as_string())}));
  return kf::ok();
}

Result<void> ApplyService::create_grant(db::Tx& tx, const workflow::Case& c) {
  const auto& p = c.payload;
  const auto* applicant = c.party("applicant");
  if (!applicant || !applicant->user_id) return Error::internal("申请缺少申请人");
  const std::int64_t now = clock_.now_ms();
  const int months = static_cast<int>(p.at("months").as_int64());
  std::vector<std::string> fields = strings_of(p.contains("granted_fields") ? p.at("granted_fields") : p.at("fields"));
  auto quota = [&](const char* k) -> db::Value {
    const auto* v = p.if_contains(k);
    return v && v->is_int64() ? db::Value(v->as_int64()) : db::null();
  };
  std::string purpose;
  if (const auto* form = p.if_contains("form"); form && form->is_object()) {
    if (const auto* v = form->as_object().if_contains("app_name"); v && v->is_string()) purpose = v->as_string();
    if (const auto* v = form->as_object().if_contains("scenario"); v && v->is_string()) {
      purpose += (purpose.empty() ? "" : "：") + std::string(v->as_string());
    }
  }
  std::optional<std::string> app_due;
  if (cfg_.app_publish_months > 0) app_due = beijing_day(months_later(now, cfg_.app_publish_months));
  std::optional<std::string> report_due;
  // A report is not asked for after the grant ends.
  if (cfg_.usage_report_months > 0 && months_later(now, cfg_.usage_report_months) < months_later(now, months)) {
    report_due = beijing_day(months_later(now, cfg_.usage_report_months));
  }
  KF_ASSIGN(auto rs, tx->query(fmt::format("INSERT INTO apply_grants (case_id, entry_code, entry_name, provider_id, "
                                           "holder_user_id, holder_org_id, holder_name, fields, channels, calls_per_day, "
                                           "rows_per_day, purpose, starts_at, expires_at, state, state_reason, app_due, "
                                           "report_due, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                           "'active', '', ?, ?, ?) RETURNING id"),
                               {c.id, std::string(p.at("entry_code").as_string()), std::string(p.at("entry_name").as_string()),
                                c.owner_org_id, *applicant->user_id, value_or_null(applicant->org_id),
                                std::string(p.at("applicant_name").as_string()), json::serialize(to_array(fields)),
                                json::serialize(p.at("channels")), quota("calls_per_day"), quota("rows_per_day"), purpose,
                                now, months_later(now, months), value_or_null(app_due), value_or_null(report_due), now}));
  const std::int64_t grant_id = rs.rows.at(0).int64(0);
  // A change of terms: the grant it replaces ends now, its record naming the new one.
  if (const auto* amends = p.if_contains("amends"); amends && amends->is_int64()) {
    KF_ASSIGN(auto old, tx->query(fmt::format("SELECT {} FROM apply_grants WHERE id = ?", kGrantColumns), {amends->as_int64()}));
    if (!old.rows.empty()) {
      const Grant g = grant_from_row(old.rows[0]);
      if (g.state != "terminated" && g.expires_at > now) {
        KF_TRY(tx->query("UPDATE apply_grants SET expires_at = ?, expiry_reminded_at = COALESCE(expiry_reminded_at, ?) "
                         "WHERE id = ?",
                         {now, now, g.id}));
      }
      KF_TRY(tx->query("INSERT INTO apply_grant_events (grant_id, holder_user_id, holder_org_id, action, reason, by_user_id, "
                       "by_name, at) VALUES (?, ?, ?, 'superseded', ?, ?, ?, ?)",
                       {g.id, g.holder_user_id, value_or_null(g.holder_org_id),
                        fmt::format("协议变更（申请 {}），由授权 {} 替代", c.id, grant_id), *applicant->user_id,
                        std::string(p.at("applicant_name").as_string()), now}));
    }
  }
  // The authority is told of the grant (Shandong art. 14(3): 告知本级主管部门).
  const auto* authority = c.party("authority");
  KF_ASSIGN(auto bureau, access_.users_with_role("authority", std::nullopt));
  std::vector<std::int64_t> told;
  for (auto uid : bureau) {
    auto user = access_.get_user(uid);
    if (!user) continue;
    bool covers = user->orgs.empty();  // the platform's own bureau acts deployment-wide
    for (const auto& m : user->orgs) {
      auto org = access_.get_org(m.org_id);
      covers = covers || (org && workflow::region_covers(org->region_code, authority ? authority->region : ""));
    }
    if (covers) told.push_back(uid);
  }
  notify::Message m;
  m.case_id = c.id;
  m.subject_code = c.subject_code;
  m.kind = "grant_opened";
  m.title = fmt::format("已开通{}数据使用权限：{}", cfg_.conditional_label, std::string(p.at("entry_name").as_string()));
  m.body = fmt::format("授权编号 {}，使用单位（人）{}，有效期至 {}。", grant_id, std::string(p.at("applicant_name").as_string()),
                       beijing_day(months_later(now, months)));
  KF_TRY(review_.engine().notifier().send(tx, told, m));
  m.title = fmt::format("您的{}数据申请已办结，可以开始使用：{}", cfg_.conditional_label, std::string(p.at("entry_name").as_string()));
  return review_.engine().notifier().send(tx, {*applicant->user_id}, m);
}

json::object ApplyService::panel(const workflow::Case& c) const {
  json::object o = c.payload;
  o.erase("agreement_signer_id");
  o.erase("agreement_address");
  o["panel"] = "conditional_application";
  try {
    auto conn = pool_.acquire();
    if (!conn) return o;
    auto ag = (*conn)->query("SELECT sha256, signer_name, signed_at FROM apply_agreements WHERE case_id = ?", {c.id});
    if (ag && !ag->rows.empty()) {
      o["agreement"] = {{"signed", true},
                        {"sha256", ag->rows[0].text(0)},
                        {"signer", ag->rows[0].text(1)},
                        {"signed_at", ag->rows[0].int64(2)}};
    } else {
      o["agreement"] = {{"signed", false}};
    }
    auto gr = (*conn)->query(fmt::format("SELECT {} FROM apply_grants WHERE case_id = ?", kGrantColumns), {c.id});
    if (gr && !gr->rows.empty()) o["grant"] = to_json(grant_from_row(gr->rows[0]));
  } catch (const std::exception& e) {
    spdlog::error("application panel: {}", e.what());
  }
  return o;
}

// ------------------------------------------------------------------------------------ grants

Result<bool> ApplyService::sees_grant(const catalog::Actor& a, const Grant& g) {
  if (staff_over_all(a)) return true;
  if (g.holder_user_id == a.user_id) return true;
  if (g.holder_org_id && a.member_of(*g.holder_org_id)) return true;
  return a.member_of(g.provider_id);
}

Result<std::vector<Grant>> ApplyService::grants(const catalog::Actor& a) {
  KF_ASSIGN(auto c, pool_.acquire());
  std::vector<db::Value> params;
  std::string where;
  if (!staff_over_all(a)) {
    where = fmt::format(" WHERE holder_user_id = ? OR holder_org_id IN ({0}) OR provider_id IN ({0})",
                        placeholders(a.org_ids.size()));
    params.emplace_back(a.user_id);
    bind_ids(params, a.org_ids);
    bind_ids(params, a.org_ids);
  }
  KF_ASSIGN(auto rs, c->query(fmt::format("SELECT {} FROM apply_grants{} ORDER BY id DESC", kGrantColumns, where), params));
  std::vector<Grant> out;
  for (const auto& r : rs.rows) out.push_back(grant_from_row(r));
  return out;
}

Result<Grant> ApplyService::grant(const catalog::Actor& a, std::int64_t id) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query(fmt::format("SELECT {} FROM apply_grants WHERE id = ?", kGrantColumns), {id}));
  if (rs.rows.empty()) return Error::not_found("授权不存在");
  Grant g = grant_from_row(rs.rows[0]);
  KF_ASSIGN(bool sees, sees_grant(a, g));
  if (!sees) return Error::not_found("授权不存在");
  return g;
}

Result<std::vector<GrantUseRow>> ApplyService::uses(const catalog::Actor& a, std::int64_t grant_id, int limit) {
  KF_ASSIGN(Grant g, grant(a, grant_id));
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query(fmt::format("SELECT id, grant_id, user_id, channel, row_count, bytes, fields, at FROM "
                                          "apply_grant_uses WHERE grant_id = ? ORDER BY id DESC LIMIT {}",
                                          std::clamp(limit, 1, 1000)),
                              {g.id}));
  std::vector<GrantUseRow> out;
  std::map<std::int64_t, std::string> names;
  for (const auto& r : rs.rows) {
    GrantUseRow u;
    u.id = r.int64(0);
    u.grant_id = r.int64(1);
    u.user_id = r.int64(2);
    u.channel = r.text(3);
    u.rows = r.int64(4);
    u.bytes = r.int64(5);
    u.fields = strings_of_text(r.text(6));
    u.at = r.int64(7);
    if (!names.count(u.user_id)) {
      auto user = access_.get_user(u.user_id);
      names[u.user_id] = user ? user->username : std::string();
    }
    u.username = names[u.user_id];
    out.push_back(std::move(u));
  }
  return out;
}

Result<std::vector<GrantEvent>> ApplyService::events(const catalog::Actor& a, std::int64_t grant_id) {
  KF_ASSIGN(Grant g, grant(a, grant_id));
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query("SELECT id, grant_id, action, reason, by_name, at FROM apply_grant_events WHERE grant_id = ? "
                              "ORDER BY id",
                              {g.id}));
  std::vector<GrantEvent> out;
  for (const auto& r : rs.rows) out.push_back({r.int64(0), r.int64(1), r.text(2), r.text(3), r.text(4), r.int64(5)});
  return out;
}

Result<Grant> ApplyService::sanction(const catalog::Actor& a, std::int64_t grant_id, const std::string& action,
                                     const std::string& reason, const std::optional<std::string>& rectify_by) {
  KF_ASSIGN(Grant g, grant(a, grant_id));
  if (!staff_over_all(a) && !a.member_of(g.provider_id)) return Error::denied("只有数据提供单位和主管部门可以处置授权");
  if (reason.empty() || reason.size() > 2000) return Error::invalid("请写明处置理由（不超过 2000 字节）", "reason");
  std::string state = g.state;
  std::optional<std::string> by = g.rectify_by;
  if (action == "suspend") {
    if (g.state != "active") return Error::conflict("只能暂停使用中的授权");
    state = "suspended";
  } else if (action == "restore") {
    if (g.state != "suspended") return Error::conflict("只能恢复已暂停的授权");
    state = "active";
    by.reset();
  } else if (action == "rectify") {
    if (g.state == "terminated") return Error::conflict("授权已终止");
    if (!rectify_by || !valid_date(*rectify_by)) return Error::invalid("请填写整改期限（YYYY-MM-DD）", "rectify_by");
    by = rectify_by;
  } else if (action == "terminate") {
    if (g.state == "terminated") return Error::conflict("授权已终止");
    state = "terminated";
  } else {
    return Error::invalid("处置方式应为 suspend（暂停）、restore（恢复）、rectify（责令整改）或 terminate（终止）", "action");
  }
  KF_ASSIGN(auto c, pool_.acquire());
  const std::int64_t now = clock_.now_ms();
  KF_TRY(db::with_tx(*c, [&](db::Tx& tx) -> Result<void> {
    KF_TRY(tx->query("UPDATE apply_grants SET state = ?, state_reason = ?, rectify_by = ? WHERE id = ?",
                     {state, state == "active" ? std::string() : reason, value_or_null(by), g.id}));
    KF_TRY(tx->query("INSERT INTO apply_grant_events (grant_id, holder_user_id, holder_org_id, action, reason, by_user_id, "
                     "by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     {g.id, g.holder_user_id, value_or_null(g.holder_org_id), action, reason, a.user_id, a.username, now}));
    if (action == "terminate") KF_TRY(downgrade_for_violation(tx, g, reason, a));
    notify::Message m;
    m.case_id = g.case_id;
    m.subject_code = g.entry_code;
    m.kind = "grant_" + action;
    const char* what = action == "suspend"   ? "已被暂停"
                       : action == "restore" ? "已恢复"
                       : action == "rectify" ? "被责令整改"
                                             : "已被终止";
    m.title = fmt::format("您对“{}”的授权{}", g.entry_name, what);
    m.body = by && action == "rectify" ? fmt::format("理由：{}。请于 {} 前完成整改。", reason, *by) : "理由：" + reason;
    return review_.engine().notifier().send(tx, {g.holder_user_id}, m);
  }));
  return grant(a, grant_id);
}

Result<Grant> ApplyService::give_notice(const catalog::Actor& a, std::int64_t grant_id, const std::string& effective_on,
                                       const std::string& reason) {
  KF_ASSIGN(Grant g, grant(a, grant_id));
  const bool holder = g.holder_user_id == a.user_id || (g.holder_org_id && a.member_of(*g.holder_org_id));
  const bool provider = staff_over_all(a) || (a.is("provider") && a.member_of(g.provider_id));
  if (!holder && !provider) return Error::denied("只有协议双方可以通知提前终止");
  if (g.state == "terminated") return Error::conflict("授权已终止");
  if (reason.empty() || reason.size() > 2000) return Error::invalid("请写明提前终止的理由（不超过 2000 字节）", "reason");
  if (!valid_date(effective_on)) return Error::invalid("请填写终止日期（YYYY-MM-DD）", "effective_on");
  const std::int64_t now = clock_.now_ms();
  const std::string earliest = beijing_day(now + static_cast<std::int64_t>(cfg_.notice_days) * kDayMs);
  if (effective_on < earliest) {
    return Error::invalid(fmt::format("提前终止须提前 {} 日通知，终止日期最早为 {}", cfg_.notice_days, earliest),
                          "effective_on");
  }
  if (effective_on >= beijing_day(g.expires_at)) {
    return Error::invalid(fmt::format("终止日期应早于授权到期日 {}", beijing_day(g.expires_at)), "effective_on");
  }
  // The end of that day in Beijing.
  int y = 0, m = 0, d = 0;
  std::sscanf(effective_on.c_str(), "%4d-%2d-%2d", &y, &m, &d);
  const std::chrono::sys_days day{std::chrono::year(y) / std::chrono::month(static_cast<unsigned>(m)) /
                                  std::chrono::day(static_cast<unsigned>(d))};
  const std::int64_t ends =
      std::chrono::duration_cast<std::chrono::milliseconds>(day.time_since_epoch()).count() + kDayMs - 8 * 3600 * 1000 - 1;
  KF_ASSIGN(auto c, pool_.acquire());
  KF_TRY(db::with_tx(*c, [&](db::Tx& tx) -> Result<void> {
    // The grant ends then; no reminder to renew what is being ended.
    KF_TRY(tx->query("UPDATE apply_grants SET expires_at = ?, expiry_reminded_at = COALESCE(expiry_reminded_at, ?) "
                     "WHERE id = ?",
                     {ends, now, g.id}));
    KF_TRY(tx->query("INSERT INTO apply_grant_events (grant_id, holder_user_id, holder_org_id, action, reason, by_user_id, "
                     "by_name, at) VALUES (?, ?, ?, 'notice', ?, ?, ?, ?)",
                     {g.id, g.holder_user_id, value_or_null(g.holder_org_id), fmt::format("{} 终止：{}", effective_on, reason),
                      a.user_id, a.username, now}));
    notify::Message msg;
    msg.case_id = g.case_id;
    msg.subject_code = g.entry_code;
    msg.kind = "grant_notice";
    msg.title = fmt::format("开放利用协议将提前终止：{}", g.entry_name);
    msg.body = fmt::format("{}通知，“{}”的开放利用协议及授权于 {} 终止。理由：{}", holder ? g.holder_name : "数据提供单位",
                           g.entry_name, effective_on, reason);
    std::vector<std::int64_t> told;
    if (holder) {
      KF_ASSIGN(told, access_.users_with_role("provider", g.provider_id));
    } else {
      told = {g.holder_user_id};
    }
    return review_.engine().notifier().send(tx, told, msg);
  }));
  return grant(a, grant_id);
}

Result<GrantEvent> ApplyService::report(const catalog::Actor& a, std::int64_t grant_id, const std::string& kind,
                                        std::int64_t attachment_id, const std::string& note) {
  KF_ASSIGN(Grant g, grant(a, grant_id));
  if (g.holder_user_id != a.user_id && !(g.holder_org_id && a.member_of(*g.holder_org_id))) {
    return Error::denied("只有授权使用方可以提交");
  }
  if (kind != "usage_report" && kind != "data_return" && kind != "app_result") {
    return Error::invalid("类型应为 usage_report（利用情况报告）、data_return（数据回流）或 app_result（应用成果）", "kind");
  }
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query("SELECT owner_user_id, kind FROM apply_attachments WHERE id = ? AND case_id IS NULL",
                              {attachment_id}));
  if (rs.rows.empty() || rs.rows[0].int64(0) != a.user_id || rs.rows[0].text(1) != kind) {
    return Error::invalid("请先上传该类型的文件", "attachment_id");
  }
  const std::int64_t now = clock_.now_ms();
  GrantEvent ev{0, g.id, kind, note, a.username, now};
  KF_TRY(db::with_tx(*c, [&](db::Tx& tx) -> Result<void> {
    KF_TRY(tx->query("UPDATE apply_attachments SET case_id = ? WHERE id = ?", {g.case_id, attachment_id}));
    KF_ASSIGN(auto ins, tx->query("INSERT INTO apply_grant_events (grant_id, holder_user_id, holder_org_id, action, reason, "
                                  "attachment_id, by_user_id, by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                  {g.id, g.holder_user_id, value_or_null(g.holder_org_id), kind, note, attachment_id,
                                   a.user_id, a.username, now}));
    ev.id = ins.rows.at(0).int64(0);
    if (kind == "app_result") KF_TRY(tx->query("UPDATE apply_grants SET app_due = NULL WHERE id = ?", {g.id}));
    // The next periodic report is due a period after this one (APP-6); its reminder and overdue
    // mark start afresh.
    if (kind == "usage_report" && cfg_.usage_report_months > 0) {
      const std::int64_t next = months_later(now, cfg_.usage_report_months);
      KF_TRY(tx->query("UPDATE apply_grants SET report_due = ?, report_reminded_at = NULL, report_overdue_at = NULL "
                       "WHERE id = ?",
                       {next < g.expires_at ? db::Value(beijing_day(next)) : db::null(), g.id}));
    }
    notify::Message m;
    m.case_id = g.case_id;
    m.subject_code = g.entry_code;
    m.kind = "grant_" + kind;
    m.title = fmt::format("{}提交了{}：{}", g.holder_name,
                          kind == "usage_report" ? "利用情况报告" : kind == "data_return" ? "回流数据" : "应用成果",
                          g.entry_name);
    m.body = note;
    KF_ASSIGN(auto providers, access_.users_with_role("provider", g.provider_id));
    return review_.engine().notifier().send(tx, providers, m);
  }));
  return ev;
}

Result<std::vector<Grant>> ApplyService::holders() {
  if (!cfg_.publish_grant_holders) return Error::unavailable("本地区规定未要求公开获取受限数据的主体名单");
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query(fmt::format("SELECT {} FROM apply_grants WHERE state = 'active' AND expires_at > ? ORDER BY "
                                          "entry_code, id",
                                          kGrantColumns),
                              {clock_.now_ms()}));
  std::vector<Grant> out;
  for (const auto& r : rs.rows) out.push_back(grant_from_row(r));
  return out;
}

Result<json::array> ApplyService::violations(int limit) {
  if (!cfg_.publish_violations) return Error::unavailable("本地区规定未要求公示违规行为和处理措施");
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query("SELECT e.id, e.action, e.reason, e.at, g.holder_name, g.entry_code, g.entry_name "
                              "FROM apply_grant_events e JOIN apply_grants g ON g.id = e.grant_id "
                              "WHERE e.action IN ('suspend', 'rectify', 'terminate') ORDER BY e.at DESC, e.id DESC LIMIT ?",
                              {static_cast<std::int64_t>(std::clamp(limit, 1, 500))}));
  json::array out;
  for (const auto& r : rs.rows) {
    const std::string action = r.text(1);
    out.push_back(json::object{{"id", r.int64(0)},
                               {"measure", action},
                               {"measure_label", action == "suspend"   ? "暂停授权"
                                                 : action == "rectify" ? "责令整改"
                                                                       : "终止授权"},
                               {"reason", r.text(2)},
                               {"on", beijing_day(r.int64(3))},
                               {"holder_name", r.text(4)},
                               {"entry_code", r.text(5)},
                               {"entry_name", r.text(6)}});
  }
  return out;
}

// -------------------------------------------------------------------- dishonest lists, grades

Result<DishonestImport> ApplyService::import_dishonest(const catalog::Actor& a, const std::string& kind,
                                                       const std::string& source, const std::string& listed_on,
                                                       const std::string& csv) {
  auto rows = parse_csv(csv);
  std::vector<std::int64_t> lines;
  for (std::size_t i = 0; i < rows.size(); ++i) lines.push_back(static_cast<std::int64_t>(i) + 1);
  return import_dishonest_rows(a, kind, source, listed_on, std::move(rows), std::move(lines));
}

Result<DishonestImport> ApplyService::import_dishonest_file(const catalog::Actor& a, const std::string& kind,
                                                            const std::string& source, const std::string& listed_on,
                                                            const std::string& file_name, const std::string& bytes) {
  if (!staff_over_all(a)) return Error::denied("只有主管部门可以导入失信名单");
  KF_ASSIGN(auto format, ingest::format_from_name(file_name));
  if (format != ingest::Format::csv && format != ingest::Format::xlsx) {
    return Error::invalid("失信名单应为 CSV 或 XLSX 文件", "file");
  }
  if (bytes.empty()) return Error::invalid("文件是空的", "file");
  // The readers stream from a file: the upload goes to a private temporary file for the read.
  std::error_code ec;
  const auto path = std::filesystem::temp_directory_path(ec) /
                    fmt::format("kaifang-dishonest-{}{}", core::random_token(12),
                                format == ingest::Format::xlsx ? ".xlsx" : ".csv");
  if (ec) return Error::internal("无法创建临时文件");
  struct Remove {
    std::filesystem::path p;
    ~Remove() {
      std::error_code ignored;
      std::filesystem::remove(p, ignored);
    }
  } remove{path};
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Error::internal("无法写入临时文件");
  }
  ingest::ReaderOptions opt;
  opt.format = format;
  KF_ASSIGN(auto reader, ingest::open_reader(path.string(), opt));
  std::vector<std::vector<std::string>> rows{reader->header()};
  std::vector<std::int64_t> lines{1};
  ingest::Record rec;
  while (true) {
    KF_ASSIGN(bool more, reader->next(rec));
    if (!more) break;
    std::vector<std::string> row;
    for (const auto& v : rec) row.push_back(v.value_or(""));
    rows.push_back(std::move(row));
    lines.push_back(reader->source_row());
  }
  return import_dishonest_rows(a, kind, source, listed_on, std::move(rows), std::move(lines));
}

Result<DishonestImport> ApplyService::import_dishonest_rows(const catalog::Actor& a, const std::string& kind,
                                                            const std::string& source, const std::string& listed_on,
                                                            std::vector<std::vector<std::string>> rows,
                                                            std::vector<std::int64_t> lines) {
  if (!staff_over_all(a)) return Error::denied("只有主管部门可以导入失信名单");
  if (std::find(kDishonestKinds.begin(), kDishonestKinds.end(), kind) == kDishonestKinds.end()) {
    return Error::invalid("名单类型应为 失信被执行人、严重违法失信 或 经营异常", "kind");
  }
  if (source.empty() || source.size() > 200) return Error::invalid("请填写名单来源（不超过 200 字节）", "source");
  if (!valid_date(listed_on)) return Error::invalid("请填写名单日期（YYYY-MM-DD）", "listed_on");
  if (rows.empty()) return Error::invalid("文件是空的", "file");
  int credit_col = -1, id_col = -1;
  for (std::size_t i = 0; i < rows[0].size(); ++i) {
    const std::string h = trim(rows[0][i]);
    if (h == "统一社会信用代码" || h == "credit_code") credit_col = static_cast<int>(i);
    if (h == "身份证号码" || h == "身份证号" || h == "id_number") id_col = static_cast<int>(i);
  }
  if (credit_col < 0 && id_col < 0) {
    return Error::invalid("首行应有“统一社会信用代码”或“身份证号码”列", "file");
  }
  DishonestImport out;
  std::vector<std::pair<std::string, std::string>> keys;  // kind, hash
  for (std::size_t line = 1; line < rows.size(); ++line) {
    const auto& row = rows[line];
    if (row.size() == 1 && trim(row[0]).empty()) continue;
    auto cell = [&](int col) { return col >= 0 && static_cast<std::size_t>(col) < row.size() ? trim(row[col]) : std::string(); };
    const std::string code = cell(credit_col), id = cell(id_col);
    auto problem = [&](const std::string& msg) {
      if (out.problems.size() < 100) out.problems.push_back(fmt::format("第 {} 行：{}", lines.at(line), msg));
    };
    if (!code.empty()) {
      auto ok = core::check_credit_code(code);
      if (!ok) {
        problem(ok.error().message);
        continue;
      }
      keys.emplace_back("credit_code", core::keyed_hash(cfg_.secret, "credit_code:" + *ok));
    } else if (!id.empty()) {
      auto ok = core::check_id_number(id);
      if (!ok) {
        problem(ok.error().message);
        continue;
      }
      keys.emplace_back("id_number", core::keyed_hash(cfg_.secret, "id_number:" + ok->normalized));
    } else {
      problem("没有统一社会信用代码或身份证号码");
    }
  }
  KF_ASSIGN(auto c, pool_.acquire());
  const std::int64_t now = clock_.now_ms();
  KF_TRY(db::with_tx(*c, [&](db::Tx& tx) -> Result<void> {
    for (const auto& [key_kind, hash] : keys) {
      KF_TRY(tx->query("INSERT INTO apply_dishonest (list_kind, key_kind, key_hash, source, listed_on, imported_at, "
                       "imported_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       {kind, key_kind, hash, source, listed_on, now, a.user_id}));
    }
    return kf::ok();
  }));
  out.added = static_cast<int>(keys.size());
  return out;
}

Result<json::array> ApplyService::dishonest_summary(const catalog::Actor& a) {
  if (!staff_over_all(a)) return Error::denied("只有主管部门可以查看失信名单");
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query("SELECT list_kind, source, listed_on, COUNT(*), MAX(imported_at) FROM apply_dishonest "
                              "GROUP BY list_kind, source, listed_on ORDER BY listed_on DESC"));
  json::array out;
  for (const auto& r : rs.rows) {
    out.push_back({{"kind", r.text(0)}, {"source", r.text(1)}, {"listed_on", r.text(2)}, {"count", r.int64(3)},
                   {"imported_on", beijing_day(r.int64(4))}});
  }
  return out;
}

}  // namespace kf::apply

namespace kf::apply {

namespace {

std::string cell_text(const db::Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);
  return {};
}

}  // namespace

Result<ApplyService::Sample> ApplyService::sample(const catalog::Entry& e, int rows) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto up, c->query("SELECT csv FROM apply_samples WHERE entry_code = ?", {e.meta.code}));
  Sample out;
  if (!up.rows.empty()) {
    auto parsed = parse_csv(up.rows[0].text(0));
    if (parsed.empty()) return out;
    out.columns = parsed[0];
    out.rows.assign(parsed.begin() + 1, parsed.end());
    out.source = "uploaded";
    return out;
  }
  out.source = "generated";
  KF_ASSIGN(auto preview, catalog_.preview(nullptr, e.meta.code, std::nullopt, std::clamp(rows, 1, 200), catalog::ReadPermit{}));
  out.columns = preview.columns;
  std::vector<bool> sensitive;
  for (const auto& name : out.columns) {
    bool s = true;  // unknown columns are pseudonymized
    for (const auto& f : e.meta.fields) {
      if (f.name == name) s = f.key || f.security_grade != "L1" || !f.mask_rule.empty();
    }
    sensitive.push_back(s);
  }
  for (const auto& r : preview.rows) {
    std::vector<std::string> row;
    for (std::size_t i = 0; i < r.size() && i < out.columns.size(); ++i) {
      std::string v = cell_text(r[i]);
      if (sensitive[i] && !v.empty()) {
        v = "样例" + core::keyed_hash(cfg_.secret, "sample:" + e.meta.code + ":" + out.columns[i] + ":" + v).substr(0, 10);
      }
      row.push_back(std::move(v));
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

Result<ApplyService::Sample> ApplyService::set_sample(const catalog::Actor& a, const std::string& code,
                                                      const std::string& csv) {
  KF_ASSIGN(catalog::Entry e, catalog_.get(&a, code));
  if (!a.member_of(e.provider_id) && !a.is("admin")) return Error::denied("只有该目录的数据提供单位可以设置样例");
  KF_ASSIGN(auto c, pool_.acquire());
  if (csv.empty()) {
    KF_TRY(c->query("DELETE FROM apply_samples WHERE entry_code = ?", {code}));
    return sample(e, 20);
  }
  auto parsed = parse_csv(csv);
  if (parsed.size() < 2) return Error::invalid("样例须有表头和至少一行数据", "file");
  if (parsed.size() > 1001) return Error::invalid("样例最多 1000 行", "file");
  for (const auto& h : parsed[0]) {
    bool known = std::any_of(e.meta.fields.begin(), e.meta.fields.end(), [&](const core::Field& f) { return f.name == trim(h); });
    if (!known) return Error::invalid(fmt::format("样例的列“{}”不是该目录的数据项", trim(h)), "file");
  }
  for (std::size_t i = 1; i < parsed.size(); ++i) {
    if (parsed[i].size() != parsed[0].size() && !(parsed[i].size() == 1 && parsed[i][0].empty())) {
      return Error::invalid(fmt::format("样例第 {} 行的列数与表头不一致", i + 1), "file");
    }
  }
  KF_TRY(db::with_tx(*c, [&](db::Tx& tx) -> Result<void> {
    KF_TRY(tx->query("DELETE FROM apply_samples WHERE entry_code = ?", {code}));
    KF_TRY(tx->query("INSERT INTO apply_samples (entry_code, csv, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?)",
                     {code, csv, a.user_id, clock_.now_ms()}));
    return kf::ok();
  }));
  return sample(e, 20);
}

}  // namespace kf::apply

namespace kf::apply {

Result<workflow::TickReport> ApplyService::tick() {
  workflow::TickReport report;
  const std::int64_t now = clock_.now_ms();
  const std::string today = beijing_day(now);
  const std::string in_ten_days = beijing_day(now + 10 * kDayMs);
  // Obligations with a due day — the application built on the data (app_*) and the periodic
  // usage report (report_*) — each with its day and the moments its reminder and overdue mark
  // were claimed.
  auto pending = [](std::string_view o) {
    return fmt::format("({0}_due IS NOT NULL AND (({0}_reminded_at IS NULL AND {0}_due <= ?) OR "
                       "({0}_overdue_at IS NULL AND {0}_due < ?)))",
                       o);
  };
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto due, c->query(fmt::format("SELECT {} FROM apply_grants WHERE state = 'active' AND ({} OR {} "
                                           "OR (expiry_reminded_at IS NULL AND expires_at <= ?))",
                                           kGrantColumns, pending("app"), pending("report")),
                               {in_ten_days, today, in_ten_days, today, now + 30 * kDayMs}));
  for (const auto& row : due.rows) {
    const Grant g = grant_from_row(row);
    KF_ASSIGN(auto providers, access_.users_with_role("provider", g.provider_id));
    auto once = [&](const std::string& column, const std::string& kind, const std::string& title, const std::string& body,
                    bool tell_provider) -> Result<bool> {
      bool claimed = false;
      KF_TRY(db::with_tx(*c, [&](db::Tx& tx) -> Result<void> {
        KF_ASSIGN(auto claim, tx->query(fmt::format("UPDATE apply_grants SET {0} = ? WHERE id = ? AND {0} IS NULL", column),
                                        {now, g.id}));
        if (claim.affected != 1) return kf::ok();
        claimed = true;
        notify::Message m;
        m.case_id = g.case_id;
        m.subject_code = g.entry_code;
        m.kind = kind;
        m.title = title;
        m.body = body;
        KF_TRY(review_.engine().notifier().send(tx, {g.holder_user_id}, m));
        if (tell_provider) KF_TRY(review_.engine().notifier().send(tx, providers, m));
        return kf::ok();
      }));
      return claimed;
    };
    // The holder is reminded within ten days of the day; the day after, the overdue mark is told
    // to the holder and the provider, and no reminder follows any more.
    struct Text {
      std::string title, body;
    };
    auto obligation = [&](const std::string& o, const std::string& day, bool overdue_marked, const Text& reminder,
                          const Text& overdue) -> Result<void> {
      if (!overdue_marked && day < today) {
        KF_ASSIGN(bool done, once(o + "_overdue_at", o + "_overdue", overdue.title, overdue.body, true));
        if (done) ++report.overdue;
        KF_TRY(c->query(fmt::format("UPDATE apply_grants SET {0}_reminded_at = ? WHERE id = ? AND {0}_reminded_at IS NULL", o),
                        {now, g.id}));
      } else if (day >= today && day <= in_ten_days) {
        KF_ASSIGN(bool done, once(o + "_reminded_at", o + "_due", reminder.title, reminder.body, false));
        if (done) ++report.reminders;
      }
      return kf::ok();
    };
    if (g.app_due) {
      KF_TRY(obligation(
          "app", *g.app_due, g.app_overdue_at.has_value(),
          {fmt::format("请按期发布应用成果：{}", g.entry_name),
           fmt::format("按规定，获取“{}”后应于 {} 前在开放平台发布应用成果，请在“我的授权”中提交。", g.entry_name, *g.app_due)},
          {fmt::format("应用成果逾期未发布：{}", g.entry_name),
           fmt::format("{}获取“{}”后，应于 {} 前在开放平台发布应用成果，现已逾期。", g.holder_name, g.entry_name, *g.app_due)}));
    }
    // The periodic usage report (APP-6), due again a period after each report.
    if (g.report_due) {
      KF_TRY(obligation(
          "report", *g.report_due, g.report_overdue_at.has_value(),
          {fmt::format("请按期提交利用情况报告：{}", g.entry_name),
           fmt::format("按规定，您使用“{}”的利用情况报告应于 {} 前提交，请在“我的授权”中上传。", g.entry_name, *g.report_due)},
          {fmt::format("利用情况报告逾期未提交：{}", g.entry_name),
           fmt::format("{}使用“{}”的利用情况报告应于 {} 前提交，现已逾期。", g.holder_name, g.entry_name, *g.report_due)}));
    }
    if (g.expires_at <= now + 30 * kDayMs) {
      KF_ASSIGN(bool done, once("expiry_reminded_at", "grant_expiring",
                                fmt::format("授权即将到期：{}", g.entry_name),
                                fmt::format("您对“{}”的授权将于 {} 到期；如需继续使用，请在到期前重新提交申请。", g.entry_name,
                                            beijing_day(g.expires_at)),
                                false));
      if (done) ++report.reminders;
    }
  }
  return report;
}

}  // namespace kf::apply
