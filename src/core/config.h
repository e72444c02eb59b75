// Deployment configuration, read from a TOML file (every key optional; defaults below).
// Unknown keys are refused so that a typo does not silently fall back to a default.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.h"

namespace kf::core {

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";
  std::string web_root;                      // empty: no static files
  std::string tls_cert;                      // PEM certificate chain; with tls_key: HTTPS only
  std::string tls_key;                       // PEM private key (unencrypted)
  int io_threads = 2;                        // network threads
  int worker_threads = 8;                    // handler threads (database, files)
  std::int64_t body_limit_bytes = 1 << 20;   // requests over this answer 413
  int read_timeout_s = 30;
  int write_timeout_s = 60;
  int shutdown_grace_s = 30;                 // longest wait for requests in flight on SIGTERM
};

struct SecurityConfig {
  std::string secret_file;                   // empty: kaifang.secret beside a SQLite database,
                                             // var/kaifang.secret for PostgreSQL
  int session_ttl_minutes = 480;             // absolute lifetime of a login session
  int session_idle_minutes = 30;             // expires after this long without use
  int lockout_threshold = 5;                 // consecutive failed logins that lock an account
  int lockout_minutes = 15;
  unsigned long long argon2_ops = 2;
  std::int64_t argon2_mem_kib = 65536;
  bool cookie_secure = false;                // set true behind TLS
  std::string mask_keys_file;                // hmac_key / sm4_key for desensitization; empty:
                                             // derived from the deployment secret
};

struct RateLimitConfig {
  double per_ip_per_second = 50;             // token refill rate per client address
  double burst = 100;                        // bucket size
  double per_key_per_second = 20;            // token refill rate per API key
  double key_burst = 40;
  std::int64_t key_daily_quota = 10000;      // data API calls per key and day (China time)
};

// Who may download unconditional data and use the data API beyond the preview (ACC-1).
struct AccessRulesConfig {
  std::string download = "anonymous";        // anonymous | registered | verified (real name)
  bool require_licence = true;               // with registered / verified: the caller must also
                                             // have accepted the current open-data licence
  std::string licence_file;                  // empty: licence/open-data-licence.toml in the data dir
  int preview_rows = 20;                     // rows a caller who does not meet the rule may see
};

// The policy profile (DOMAIN.md §14): a name under data/policies/ or a path ending in .toml.
struct PolicyConfig {
  std::string profile = "weifang";           // the demo city is 潍坊; see docs/admin-guide.md
};

// The review workflows (issue 6).
struct WorkflowConfig {
  int tick_seconds = 60;        // how often the server checks due dates (reminders, overdue); 0: never
  int default_review_wd = 10;   // due date of a review stage the policy document gives none
};

// E-mail of notifications (the notify module) through an SMTP server.
// [oidc]: sign-in through an external OpenID Connect identity provider (APP-1; Shandong art. 13:
// the provincial unified identity platform). Authorization code flow with PKCE, confidential
// client; the claims name the account and, where the provider vouches for them, the real name.
struct OidcConfig {
  std::string issuer;                 // empty: no external sign-in
  std::string client_id;
  std::string client_secret_file;     // file holding the client secret (first line)
  std::string label = "统一身份认证";  // the button: 使用{label}登录
  std::string scopes = "openid profile";
  std::string redirect_uri;           // empty: {the request's origin}/api/v1/auth/oidc/callback
  std::string username_claim = "preferred_username";  // falls back to sub
  std::string name_claim = "name";            // the real name (only its masked form is kept)
  std::string id_number_claim;                // identity number; with the name: real-name verified
  std::string phone_claim = "phone_number";
  int timeout_s = 10;
};

struct SmtpConfig {
  std::string host;                          // empty: no e-mail
  int port = 25;                             // 465 when security = "tls" and no port is given
  std::string from = "noreply@localhost";
  std::string security = "none";             // none | starttls (RFC 3207, required: never falls
                                             // back to clear text) | tls (implicit, port 465 style)
  std::string username;                      // empty: no authentication; otherwise AUTH PLAIN or
                                             // LOGIN, refused with security = "none"
  std::string password_file;                 // file holding the password (its first line); required
                                             // with username: the password never goes in this config
  std::string ca_file;                       // PEM CA certificates to verify the server; empty: the
                                             // system's trust store
  bool tls_verify = true;                    // false: accept any certificate (a relay with a
                                             // self-signed certificate inside the network)
  int timeout_s = 10;                        // the whole dialogue of one message
};

// The SMS hook (notify module): a command the deployment provides that hands a message to its
// SMS gateway. It receives {"phone": "...", "text": "..."} as JSON on stdin (never arguments,
// which `ps` shows) and exits 0 when the gateway accepted the message.
struct SmsConfig {
  std::string command;                       // absolute path of an executable; empty: no SMS
  int timeout_s = 10;                        // killed (and the message failed) after this long
};

// Where version files (datasets/) and work files (uploads, jobs) live. Every server process of one
// deployment must see the same directory.
struct StorageConfig {
  std::string dir;  // empty: beside a SQLite database file, or ./var with PostgreSQL
};

// The job runner (imports and later background work): any number of server processes share the
// jobs of one database; a job whose process stops renewing its lease is taken over.
struct JobsConfig {
  int threads = 2;       // worker threads per process; 0: this process runs no jobs
  int lease_s = 30;      // a job not renewed for this long is taken over by another process
  int poll_ms = 1000;    // how often idle workers look for queued or abandoned jobs
};

// Whole-system scenario tests (docs/testing.md): `kaifang serve --test-clock START` is refused
// unless this is on. Never on in production.
struct TestingConfig {
  bool allow_test_clock = false;
};

// The deployment's public identity (issue 12 item 7): what the portal, its footer, the page titles
// and the e-mails call the platform and whom people contact. Every key is optional; without a
// [brand] section the portal is the neutral "公共数据开放平台" with no contact, filing numbers or logo
// (the demo city's brand is data/demo/kaifang.toml). Checked when the configuration is read:
// colours must be #rrggbb with a contrast of at least 4.5:1 against white text (GB/T 37668,
// WCAG 2.1 AA), addresses must look like addresses; the logo file and the region code are checked
// when the runtime loads the brand (core/brand.h).
struct BrandContact {
  std::string bureau;   // the responsible bureau, e.g. 潍坊市大数据局
  std::string address;  // postal address
  std::string phone;    // the bureau's public service telephone
  std::string email;    // the bureau's public mailbox
  std::string hours;    // when the telephone is answered, e.g. 工作日 9:00–17:00
};

struct BrandColors {
  std::string primary = "#1f5fbf";  // buttons and links (on white)
  std::string header = "#001529";   // the top bar's background (under white text)
};

struct BrandConfig {
  std::string name = "公共数据开放平台";  // full name: page titles, header, footer, e-mail sender
  std::string name_en;                    // English name for the English interface; empty: name
  std::string short_name = "数据开放";    // header at phone width, SMS prefix 【…】
  std::string region;                     // GB/T 2260 code of the deployment's region
  std::string url;                        // the portal's public address (https://…), named in e-mails
  std::string logo;                       // SVG or PNG; relative: under the data directory
  std::string icp;                        // ICP filing number (ICP 备案号)
  std::string police_filing;              // public-security filing number (公安机关备案号)
  std::string site_code;                  // government website identifier (网站标识码)
  std::string accessibility_url;          // the accessibility statement; empty: the built-in page
  std::string notice;                     // one line shown in the footer (e.g. 演示环境)
  BrandContact contact;
  BrandColors colors;
};

struct LogConfig {
  std::string format = "auto";               // json | text | auto (text on a terminal)
  std::string level = "info";
};

struct Config {
  ServerConfig server;
  SecurityConfig security;
  RateLimitConfig rate_limit;
  AccessRulesConfig access;
  PolicyConfig policy;
  WorkflowConfig workflow;
  OidcConfig oidc;
  SmtpConfig smtp;
  SmsConfig sms;
  StorageConfig storage;
  JobsConfig jobs;
  TestingConfig testing;
  BrandConfig brand;
  LogConfig log;
};

// Reads `path`; invalid_argument names the offending key.
Result<Config> load_config(const std::string& path);
// Parses TOML text (for tests).
Result<Config> parse_config(std::string_view toml_text);

}  // namespace kf::core
