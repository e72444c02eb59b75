#include "core/config.h"

#include <fmt/format.h>

#include "core/brand.h"

#include <algorithm>

#include <fstream>
#include <sstream>
#include <toml++/toml.h>

namespace kf::core {
namespace {

// Reads one table's keys into fields, refusing keys it does not know.
class TableReader {
 public:
  TableReader(const toml::table* t, std::string name) : t_(t), name_(std::move(name)) {}

  template <typename T>
  void get(const char* key, T& out) {
    known_.push_back(key);
    if (!t_ || !error_.empty()) return;
    const toml::node* n = t_->get(key);
    if (!n) return;
    if constexpr (std::is_same_v<T, bool>) {
      if (auto v = n->value<bool>()) { out = *v; return; }
    } else if constexpr (std::is_same_v<T, std::string>) {
      if (auto v = n->value<std::string>()) { out = *v; return; }
    } else if constexpr (std::is_floating_point_v<T>) {
      if (auto v = n->value<double>()) { out = static_cast<T>(*v); return; }
    } else {
      if (auto v = n->value<std::int64_t>(); v && *v >= 0) { out = static_cast<T>(*v); return; }
    }
    error_ = fmt::format("配置项 {}.{} 的类型或取值不正确", name_, key);
  }

  // A sub-table such as [brand.contact] (nullptr when absent); its key counts as known.
  const toml::table* table(const char* key) {
    known_.push_back(key);
    if (!t_) return nullptr;
    const toml::node* n = t_->get(key);
    if (n && !n->is_table() && error_.empty()) error_ = fmt::format("配置项 {}.{} 应为一个表", name_, key);
    return n ? n->as_table() : nullptr;
  }

  // Call after all get()s: reports the first unknown key.
  void finish() {
    if (!t_ || !error_.empty()) return;
    for (const auto& [k, v] : *t_) {
      if (std::find(known_.begin(), known_.end(), k.str()) == known_.end()) {
        error_ = fmt::format("未知的配置项 {}.{}", name_, k.str());
        return;
      }
    }
  }
  const std::string& error() const { return error_; }

 private:
  const toml::table* t_;
  std::string name_;
  std::vector<std::string_view> known_;
  std::string error_;
};

}  // namespace

Result<Config> parse_config(std::string_view text) {
  toml::table root;
  try {
    root = toml::parse(text);
  } catch (const toml::parse_error& e) {
    return Error::invalid(fmt::format("配置文件不是有效的 TOML（第 {} 行）：{}",
                                      e.source().begin.line, e.description()));
  }
  Config c;
  for (const auto& [k, v] : root) {
    static const std::string_view kTables[] = {"server", "security", "rate_limit", "access", "policy", "workflow", "smtp", "oidc", "sms", "storage", "jobs", "testing", "brand", "log"};
    if (std::find(std::begin(kTables), std::end(kTables), k.str()) == std::end(kTables)) {
      return Error::invalid(fmt::format("未知的配置节 [{}]", k.str()));
    }
  }
  TableReader s(root["server"].as_table(), "server");
  s.get("listen", c.server.listen);
  s.get("web_root", c.server.web_root);
  s.get("tls_cert", c.server.tls_cert);
  s.get("tls_key", c.server.tls_key);
  s.get("io_threads", c.server.io_threads);
  s.get("worker_threads", c.server.worker_threads);
  s.get("body_limit_bytes", c.server.body_limit_bytes);
  s.get("read_timeout_s", c.server.read_timeout_s);
  s.get("write_timeout_s", c.server.write_timeout_s);
  s.get("shutdown_grace_s", c.server.shutdown_grace_s);
  s.finish();
  TableReader sec(root["security"].as_table(), "security");
  sec.get("secret_file", c.security.secret_file);
  sec.get("session_ttl_minutes", c.security.session_ttl_minutes);
  sec.get("session_idle_minutes", c.security.session_idle_minutes);
  sec.get("lockout_threshold", c.security.lockout_threshold);
  sec.get("lockout_minutes", c.security.lockout_minutes);
  sec.get("argon2_ops", c.security.argon2_ops);
  sec.get("argon2_mem_kib", c.security.argon2_mem_kib);
  sec.get("cookie_secure", c.security.cookie_secure);
  sec.get("mask_keys_file", c.security.mask_keys_file);
  sec.finish();
  TableReader rl(root["rate_limit"].as_table(), "rate_limit");
  rl.get("per_ip_per_second", c.rate_limit.per_ip_per_second);
  rl.get("burst", c.rate_limit.burst);
  rl.get("per_key_per_second", c.rate_limit.per_key_per_second);
  rl.get("key_burst", c.rate_limit.key_burst);
  rl.get("key_daily_quota", c.rate_limit.key_daily_quota);
  rl.finish();
  TableReader ac(root["access"].as_table(), "access");
  ac.get("download", c.access.download);
  ac.get("require_licence", c.access.require_licence);
  ac.get("licence_file", c.access.licence_file);
  ac.get("preview_rows", c.access.preview_rows);
  ac.finish();
  TableReader po(root["policy"].as_table(), "policy");
  po.get("profile", c.policy.profile);
  po.finish();
  TableReader wf(root["workflow"].as_table(), "workflow");
  wf.get("tick_seconds", c.workflow.tick_seconds);
  wf.get("default_review_wd", c.workflow.default_review_wd);
  wf.finish();
  TableReader oi(root["oidc"].as_table(), "oidc");
  oi.get("issuer", c.oidc.issuer);
  oi.get("client_id", c.oidc.client_id);
  oi.get("client_secret_file", c.oidc.client_secret_file);
  oi.get("label", c.oidc.label);
  oi.get("scopes", c.oidc.scopes);
  oi.get("redirect_uri", c.oidc.redirect_uri);
  oi.get("username_claim", c.oidc.username_claim);
  oi.get("name_claim", c.oidc.name_claim);
  oi.get("id_number_claim", c.oidc.id_number_claim);
  oi.get("phone_claim", c.oidc.phone_claim);
  oi.get("timeout_s", c.oidc.timeout_s);
  TableReader sm(root["smtp"].as_table(), "smtp");
  sm.get("host", c.smtp.host);
  sm.get("port", c.smtp.port);
  sm.get("from", c.smtp.from);
  sm.get("security", c.smtp.security);
  sm.get("username", c.smtp.username);
  sm.get("password_file", c.smtp.password_file);
  sm.get("ca_file", c.smtp.ca_file);
  sm.get("tls_verify", c.smtp.tls_verify);
  sm.get("timeout_s", c.smtp.timeout_s);
  sm.finish();
  if (c.smtp.security == "tls" && !(root["smtp"]["port"])) c.smtp.port = 465;
  TableReader sms(root["sms"].as_table(), "sms");
  sms.get("command", c.sms.command);
  sms.get("timeout_s", c.sms.timeout_s);
  sms.finish();
  TableReader st(root["storage"].as_table(), "storage");
  st.get("dir", c.storage.dir);
  st.finish();
  TableReader jb(root["jobs"].as_table(), "jobs");
  jb.get("threads", c.jobs.threads);
  jb.get("lease_s", c.jobs.lease_s);
  jb.get("poll_ms", c.jobs.poll_ms);
  jb.finish();
  TableReader te(root["testing"].as_table(), "testing");
  te.get("allow_test_clock", c.testing.allow_test_clock);
  te.finish();
  TableReader br(root["brand"].as_table(), "brand");
  for (auto [key, field] : std::initializer_list<std::pair<const char*, std::string*>>{
           {"name", &c.brand.name}, {"name_en", &c.brand.name_en}, {"short_name", &c.brand.short_name},
           {"region", &c.brand.region}, {"url", &c.brand.url}, {"logo", &c.brand.logo}, {"icp", &c.brand.icp},
           {"police_filing", &c.brand.police_filing}, {"site_code", &c.brand.site_code},
           {"accessibility_url", &c.brand.accessibility_url}, {"notice", &c.brand.notice}}) {
    br.get(key, *field);
  }
  TableReader bc(br.table("contact"), "brand.contact");
  bc.get("bureau", c.brand.contact.bureau);
  bc.get("address", c.brand.contact.address);
  bc.get("phone", c.brand.contact.phone);
  bc.get("email", c.brand.contact.email);
  bc.get("hours", c.brand.contact.hours);
  bc.finish();
  TableReader bk(br.table("colors"), "brand.colors");
  bk.get("primary", c.brand.colors.primary);
  bk.get("header", c.brand.colors.header);
  bk.finish();
  br.finish();
  TableReader lg(root["log"].as_table(), "log");
  lg.get("format", c.log.format);
  lg.get("level", c.log.level);
  lg.finish();
  for (const auto* r : {&s, &sec, &rl, &ac, &po, &wf, &sm, &sms, &st, &jb, &te, &br, &bc, &bk, &lg}) {
    if (!r->error().empty()) return Error::invalid(r->error());
  }
  if (c.server.io_threads < 1 || c.server.worker_threads < 1) {
    return Error::invalid("server.io_threads 与 server.worker_threads 至少为 1");
  }
  if (c.access.download != "anonymous" && c.access.download != "registered" && c.access.download != "verified") {
    return Error::invalid("access.download 应为 anonymous、registered 或 verified");
  }
  if (c.access.preview_rows < 0 || c.access.preview_rows > 200) {
    return Error::invalid("access.preview_rows 应在 0–200 之间");
  }
  if (!c.oidc.issuer.empty()) {
    if (c.oidc.issuer.rfind("https://", 0) != 0 && c.oidc.issuer.rfind("http://127.0.0.1", 0) != 0 &&
        c.oidc.issuer.rfind("http://localhost", 0) != 0) {
      return Error::invalid("oidc.issuer 应为 https:// 地址（本机测试可用 http://127.0.0.1）");
    }
    if (c.oidc.client_id.empty() || c.oidc.client_secret_file.empty()) {
      return Error::invalid("设置了 oidc.issuer 时须设置 oidc.client_id 和 oidc.client_secret_file（密钥所在的文件）");
    }
    if (c.oidc.scopes.find("openid") == std::string::npos) return Error::invalid("oidc.scopes 须包含 openid");
    if (c.oidc.timeout_s < 1 || c.oidc.timeout_s > 120) return Error::invalid("oidc.timeout_s 应在 1–120 之间");
  }
  if (c.smtp.port < 1 || c.smtp.port > 65535) return Error::invalid("smtp.port 应在 1–65535 之间");
  if (c.smtp.security != "none" && c.smtp.security != "starttls" && c.smtp.security != "tls") {
    return Error::invalid("smtp.security 应为 none、starttls 或 tls");
  }
  if (!c.smtp.username.empty() && c.smtp.security == "none") {
    return Error::invalid("smtp.username 需要加密连接：请设置 smtp.security = \"starttls\" 或 \"tls\"，口令不以明文发送");
  }
  if (!c.smtp.username.empty() && c.smtp.password_file.empty()) {
    return Error::invalid("设置了 smtp.username 时须设置 smtp.password_file（口令所在的文件）");
  }
  if (c.smtp.timeout_s < 1 || c.smtp.timeout_s > 300) return Error::invalid("smtp.timeout_s 应在 1–300 之间");
  if (!c.sms.command.empty() && !c.sms.command.starts_with("/")) {
    return Error::invalid("sms.command 应为可执行文件的绝对路径");
  }
  if (c.sms.timeout_s < 1 || c.sms.timeout_s > 300) return Error::invalid("sms.timeout_s 应在 1–300 之间");
  if (c.workflow.tick_seconds < 0) return Error::invalid("workflow.tick_seconds 不能为负数");
  if (c.workflow.default_review_wd < 1 || c.workflow.default_review_wd > 60) {
    return Error::invalid("workflow.default_review_wd 应在 1–60 之间");
  }
  if (c.jobs.threads < 0 || c.jobs.threads > 64) return Error::invalid("jobs.threads 应在 0–64 之间");
  if (c.jobs.lease_s < 1 || c.jobs.lease_s > 3600) return Error::invalid("jobs.lease_s 应在 1–3600 秒之间");
  if (c.jobs.poll_ms < 10 || c.jobs.poll_ms > 60000) return Error::invalid("jobs.poll_ms 应在 10–60000 毫秒之间");
  if (c.policy.profile.empty()) return Error::invalid("policy.profile 不能为空（如 \"weifang\" 或 .toml 文件路径）");
  if (c.security.argon2_mem_kib < 8) return Error::invalid("security.argon2_mem_kib 至少为 8");
  if (c.security.argon2_ops < 1) return Error::invalid("security.argon2_ops 至少为 1");
  KF_TRY(check_brand(c.brand));
  return c;
}

Result<Config> load_config(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error::invalid(fmt::format("无法读取配置文件 {}", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_config(ss.str());
}

}  // namespace kf::core
