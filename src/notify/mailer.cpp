#include "notify/mailer.h"

#include <fmt/format.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <fstream>

#include "core/config.h"
#include "notify/smtp_session.h"

namespace kf::notify {

namespace {

using detail::Reply;
using detail::SmtpSession;

std::string base64(std::string_view in) {
  static constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < in.size(); i += 3) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    if (i + 2 < in.size()) n |= static_cast<unsigned char>(in[i + 2]);
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += i + 1 < in.size() ? kB64[(n >> 6) & 63] : '=';
    out += i + 2 < in.size() ? kB64[n & 63] : '=';
  }
  return out;
}

// A secret (the password, an AUTH line) overwritten before its memory is released; moving it
// wipes the source. Best effort: it narrows, not closes, the time a secret sits in memory.
struct Wiped {
  std::string s;
  explicit Wiped(std::string v = {}) : s(std::move(v)) {}
  Wiped(Wiped&& o) noexcept : s(o.s) { o.wipe(); }
  Wiped(const Wiped&) = delete;
  Wiped& operator=(const Wiped&) = delete;
  Wiped& operator=(Wiped&&) = delete;
  ~Wiped() { wipe(); }
  void wipe() {
    OPENSSL_cleanse(s.data(), s.capacity());
    s.clear();
  }
};

// RFC 2047 encoded-words (the subject is Chinese), each at most 75 characters (45 bytes of UTF-8
// cut at character boundaries), folded onto continuation lines.
std::string encode_header(const std::string& utf8) {
  std::string out;
  std::size_t i = 0;
  do {
    std::size_t end = std::min(utf8.size(), i + 45);
    while (end < utf8.size() && end > i && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(std::string_view(utf8).substr(i, end - i)) + "?=";
    i = end;
  } while (i < utf8.size());
  return out;
}

// The body with CRLF line ends and leading dots doubled (RFC 5321 4.5.2).
std::string dot_stuffed(const std::string& body) {
  std::string out;
  bool line_start = true;
  for (char c : body) {
    if (c == '\r') continue;
    if (line_start && c == '.') out += '.';
    if (c == '\n') {
      out += "\r\n";
      line_start = true;
    } else {
      out += c;
      line_start = false;
    }
  }
  if (!line_start) out += "\r\n";
  return out;
}

bool plain_address(const std::string& a) {
  return !a.empty() && a.size() < 255 && a.find_first_of("\r\n<> ") == std::string::npos && a.find('@') != std::string::npos;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// What the server announced in its EHLO reply (keywords upper-cased).
struct Capabilities {
  bool starttls = false;
  bool eight_bit = false;
  bool auth_plain = false;
  bool auth_login = false;
};

Capabilities capabilities(const Reply& ehlo) {
  Capabilities c;
  for (std::size_t i = 1; i < ehlo.lines.size(); ++i) {
    std::string line = upper(ehlo.lines[i]);
    if (line == "STARTTLS") c.starttls = true;
    if (line == "8BITMIME") c.eight_bit = true;
    if (line.starts_with("AUTH ") || line.starts_with("AUTH=")) {
      std::string mechs = " " + line.substr(5) + " ";
      c.auth_plain = c.auth_plain || mechs.find(" PLAIN ") != std::string::npos;
      c.auth_login = c.auth_login || mechs.find(" LOGIN ") != std::string::npos;
    }
  }
  return c;
}

Result<void> expect(const Result<Reply>& r, int code, std::string_view step) {
  if (!r) return r.error();
  if (r->code != code) return Error::unavailable(fmt::format("邮件服务器拒绝了{}，应答码 {}", step, r->code));
  return kf::ok();
}

Result<Wiped> read_password(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error::unavailable("无法读取邮件口令文件（smtp.password_file）", file);
  Wiped w;
  std::getline(in, w.s);
  if (!w.s.empty() && w.s.back() == '\r') w.s.pop_back();
  if (w.s.empty()) return Error::unavailable("邮件口令文件（smtp.password_file）的第一行为空", file);
  return w;
}

// AUTH PLAIN when offered, else AUTH LOGIN (RFC 4954). The caller ensured encryption.
Result<void> authenticate(SmtpSession& s, const Capabilities& caps, const MailConfig& cfg) {
  if (!caps.auth_plain && !caps.auth_login) {
    return Error::unavailable("邮件服务器未提供 PLAIN 或 LOGIN 认证，无法登录");
  }
  KF_ASSIGN(Wiped password, read_password(cfg.password_file));
  const char* refused = "邮件服务器拒绝登录（{}）：请检查 smtp.username 与口令文件";
  Result<Reply> last = Error::internal("no AUTH sent");
  if (caps.auth_plain) {
    Wiped token(std::string(1, '\0') + cfg.username + '\0' + password.s);
    Wiped line("AUTH PLAIN " + base64(token.s) + "\r\n");
    last = s.command(line.s);
  } else {
    auto r = s.command("AUTH LOGIN\r\n");
    if (!r) return r.error();
    if (r->code != 334) return Error::unavailable(fmt::format(fmt::runtime(refused), r->code));
    r = s.command(base64(cfg.username) + "\r\n");
    if (!r) return r.error();
    if (r->code != 334) return Error::unavailable(fmt::format(fmt::runtime(refused), r->code));
    Wiped line(base64(password.s) + "\r\n");
    last = s.command(line.s);
  }
  if (!last) return last.error();
  if (last->code != 235) return Error::unavailable(fmt::format(fmt::runtime(refused), last->code));
  return kf::ok();
}

std::string message_text(const MailConfig& cfg, const std::string& to, const std::string& subject,
                         const std::string& body) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char date[64];
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  std::string from = cfg.from_name.empty() ? "<" + cfg.from + ">" : encode_header(cfg.from_name) + " <" + cfg.from + ">";
  return "From: " + from + "\r\nTo: <" + to + ">\r\nSubject: " + encode_header(subject) + "\r\nDate: " + date +
         "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
         dot_stuffed(body) + ".\r\n";
}

}  // namespace

Result<MailConfig> mail_config(const core::SmtpConfig& smtp) {
  MailConfig mc;
  mc.host = smtp.host;
  if (smtp.port < 1 || smtp.port > 65535) return Error::invalid("smtp.port 应在 1–65535 之间");
  mc.port = static_cast<unsigned short>(smtp.port);
  mc.from = smtp.from;
  mc.timeout_s = smtp.timeout_s;
  if (smtp.security == "none") {
    mc.security = MailSecurity::none;
  } else if (smtp.security == "starttls") {
    mc.security = MailSecurity::starttls;
  } else if (smtp.security == "tls") {
    mc.security = MailSecurity::tls;
  } else {
    return Error::invalid("smtp.security 应为 none、starttls 或 tls");
  }
  mc.username = smtp.username;
  mc.password_file = smtp.password_file;
  mc.ca_file = smtp.ca_file;
  mc.tls_verify = smtp.tls_verify;
  if (mc.host.empty()) return mc;
  if (!plain_address(mc.from)) return Error::invalid("smtp.from 不是有效的邮件地址");
  if (!mc.username.empty()) {
    if (mc.security == MailSecurity::none) {
      return Error::invalid("smtp.username 需要加密连接（smtp.security = \"starttls\" 或 \"tls\"），口令不以明文发送");
    }
    if (auto p = read_password(mc.password_file); !p) return Error::invalid(p.error().message);
  }
  return mc;
}

Result<void> SmtpMailer::send(const std::string& to, const std::string& subject, const std::string& body) {
  if (cfg_.host.empty()) return kf::ok();
  if (!plain_address(to)) return Error::invalid("收件地址无效", "email");
  if (!plain_address(cfg_.from)) return Error::invalid("发件地址（smtp.from）无效");
  const bool auth = !cfg_.username.empty();
  if (auth && cfg_.security == MailSecurity::none) {
    return Error::unavailable("邮件配置了用户名但连接未加密（smtp.security = \"none\"），拒绝以明文发送口令");
  }
  SmtpSession s(cfg_);
  KF_TRY(s.connect());
  KF_TRY(expect(s.read_reply(), 220, "连接"));
  const std::string ehlo = "EHLO " + s.local_address_literal() + "\r\n";
  auto hello = s.command(ehlo);
  if (!hello) return hello.error();
  Capabilities caps;
  if (hello->code == 250) {
    caps = capabilities(*hello);
  } else if (cfg_.security == MailSecurity::none && !auth) {
    // An old relay that knows only HELO: fine when nothing beyond plain delivery is needed.
    KF_TRY(expect(s.command("HELO " + s.local_address_literal() + "\r\n"), 250, " HELO 命令"));
  } else {
    return Error::unavailable(fmt::format("邮件服务器拒绝了 EHLO 命令，应答码 {}", hello->code));
  }
  if (cfg_.security == MailSecurity::starttls) {
    if (!caps.starttls) return Error::unavailable("邮件服务器未提供 STARTTLS，拒绝以明文发送（smtp.security = \"starttls\"）");
    KF_TRY(expect(s.command("STARTTLS\r\n"), 220, " STARTTLS 命令"));
    KF_TRY(s.start_tls());
    auto again = s.command(ehlo);  // RFC 3207 §4.2: forget what was announced in clear text
    KF_TRY(expect(again, 250, " EHLO 命令"));
    caps = capabilities(*again);
  }
  if (auth) {
    if (!s.encrypted()) return Error::unavailable("连接未加密，拒绝发送邮件口令");
    KF_TRY(authenticate(s, caps, cfg_));
  }
  KF_TRY(expect(s.command("MAIL FROM:<" + cfg_.from + ">" + (caps.eight_bit ? " BODY=8BITMIME" : "") + "\r\n"), 250,
                " MAIL FROM 命令"));
  auto rcpt = s.command("RCPT TO:<" + to + ">\r\n");
  if (rcpt && rcpt->code == 251) rcpt->code = 250;  // "user not local; will forward"
  KF_TRY(expect(rcpt, 250, "收件人（RCPT TO 命令）"));
  KF_TRY(expect(s.command("DATA\r\n"), 354, " DATA 命令"));
  KF_TRY(s.write(message_text(cfg_, to, subject, body)));
  KF_TRY(expect(s.read_reply(), 250, "邮件内容"));
  (void)s.command("QUIT\r\n");
  return kf::ok();
}

}  // namespace kf::notify
