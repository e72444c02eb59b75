// The server speaking TLS itself (server.tls_cert / server.tls_key, `serve --tls-cert/--tls-key`):
// HTTPS with a self-signed certificate made by the `openssl` command at test time, keep-alive,
// uploads to a file, streamed downloads and body limits over TLS; plain HTTP sent to the TLS
// port; TLS 1.2 as the oldest version; bad certificate or key files refused at start.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "catalog_fixture.h"
#include "core/crypto.h"
#include "harness.h"
#include "http/server.h"
#include "process.h"

namespace kf::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bh = beast::http;
namespace json = boost::json;
namespace ssl = asio::ssl;
namespace fs = std::filesystem;
using tcp = asio::ip::tcp;

std::string find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    auto candidate = fs::path(dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return {};
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A temporary directory with a self-signed certificate for 127.0.0.1 (cert.pem, key.pem).
struct CertDir {
  CertDir() {
    dir = fs::temp_directory_path() / ("kf-tls-" + core::random_token(6));
    fs::create_directories(dir);
    openssl = find_program("openssl");
    if (!openssl.empty()) ok = make("cert.pem", "key.pem");
  }
  ~CertDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  bool make(const std::string& cert_name, const std::string& key_name) const {
    return run({openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", (dir / key_name).string(), "-out", (dir / cert_name).string(), "-days", "2", "-subj",
                "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"}) == 0;
  }
  std::string cert() const { return (dir / "cert.pem").string(); }
  std::string key() const { return (dir / "key.pem").string(); }
  std::string toml() const {
    return "server.tls_cert = \"" + cert() + "\"\nserver.tls_key = \"" + key() + "\"\n";
  }

  fs::path dir;
  std::string openssl;
  bool ok = false;
};

#define KF_NEED_OPENSSL(certs) \
  if (!(certs).ok) GTEST_SKIP() << "the openssl command is missing or failed: cannot make a test certificate"

// A synchronous HTTPS client that trusts only the test certificate and checks that it was made
// for 127.0.0.1; keeps the connection alive like the plain test Client.
class TlsClient {
 public:
  TlsClient(unsigned short port, const std::string& ca_file, int max_version = 0) : port_(port) {
    ctx_.set_verify_mode(ssl::verify_peer);
    ctx_.load_verify_file(ca_file);
    if (max_version) SSL_CTX_set_max_proto_version(ctx_.native_handle(), max_version);
  }

  Reply request(const std::string& method, const std::string& target, const std::string& body = {},
                std::map<std::string, std::string> headers = {}) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      connect();
      bh::request<bh::string_body> req{bh::string_to_verb(method), target, 11};
      req.set(bh::field::host, "127.0.0.1:" + std::to_string(port_));
      req.keep_alive(true);
      if (!cookie.empty()) req.set(bh::field::cookie, cookie);
      if (!csrf.empty() && method != "GET") req.set("X-CSRF-Token", csrf);
      for (const auto& [k, v] : headers) req.set(k, v);
      if (!body.empty() || method == "POST") {
        req.body() = body;
        if (req.find(bh::field::content_type) == req.end()) req.set(bh::field::content_type, "application/json");
      }
      req.prepare_payload();
      beast::error_code ec;
      beast::get_lowest_layer(*stream_).expires_after(std::chrono::seconds(60));
      bh::write(*stream_, req, ec);
      bh::response_parser<bh::string_body> parser;
      parser.body_limit(64u << 20);
      if (!ec) bh::read(*stream_, buffer_, parser, ec);
      if (ec) {
        stream_.reset();
        if (attempt == 0) continue;
        throw std::runtime_error("HTTPS request failed: " + ec.message());
      }
      auto res = parser.release();
      Reply r;
      r.status = res.result_int();
      r.body = res.body();
      for (const auto& f : res) {
        std::string name(f.name_string());
        for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        r.headers[name] = std::string(f.value());
      }
      if (!res.keep_alive()) stream_.reset();
      return r;
    }
    return {};
  }
  Reply get(const std::string& target) { return request("GET", target); }
  Reply post(const std::string& target, const json::value& body) {
    return request("POST", target, json::serialize(body));
  }
  Reply login(const std::string& username, const std::string& password) {
    Reply r = post("/api/v1/auth/login", {{"username", username}, {"password", password}});
    if (r.status == 200) {
      csrf = std::string(r.json().at("csrf_token").as_string());
      std::string set = r.headers["set-cookie"];
      cookie = set.substr(0, set.find(';'));
    }
    return r;
  }
  // The protocol version of the open connection ("TLSv1.3").
  std::string version() { return stream_ ? SSL_get_version(stream_->native_handle()) : ""; }

  std::string cookie, csrf;
  int connections_opened = 0;

 private:
  void connect() {
    if (stream_ && beast::get_lowest_layer(*stream_).socket().is_open()) return;
    stream_.emplace(ioc_, ctx_);
    stream_->set_verify_callback(ssl::host_name_verification("127.0.0.1"));
    auto& tcp_layer = beast::get_lowest_layer(*stream_);
    tcp_layer.expires_after(std::chrono::seconds(30));
    tcp_layer.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
    stream_->handshake(ssl::stream_base::client);  // throws when the handshake fails
    buffer_.clear();
    ++connections_opened;
  }

  unsigned short port_;
  asio::io_context ioc_;
  ssl::context ctx_{ssl::context::tls_client};
  std::optional<beast::ssl_stream<beast::tcp_stream>> stream_;
  beast::flat_buffer buffer_;
};

// Sends `bytes` on a plain TCP connection, ends the sending side and returns what comes back
// until the server closes.
std::string raw_exchange(unsigned short port, const std::string& bytes) {
  asio::io_context ioc;
  beast::tcp_stream s(ioc);
  s.expires_after(std::chrono::seconds(10));
  s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  asio::write(s, asio::buffer(bytes));
  s.socket().shutdown(tcp::socket::shutdown_send);
  std::string out;
  beast::error_code ec;
  std::array<char, 4096> buf{};
  for (;;) {
    std::size_t n = s.read_some(asio::buffer(buf), ec);
    out.append(buf.data(), n);
    if (ec) break;
  }
  return out;
}

TEST(TlsTest, HttpsServesHealthDataUploadsAndStreamedDownloads) {
  CertDir certs;
  KF_NEED_OPENSSL(certs);
  TestServer s("sqlite", certs.toml());
  TlsClient c(s.port(), certs.cert());
  auto health = c.get("/healthz");
  EXPECT_EQ(health.status, 200) << health.body;
  EXPECT_EQ(c.get("/readyz").status, 200);
  EXPECT_EQ(c.connections_opened, 1) << "keep-alive over TLS";
  EXPECT_TRUE(c.version() == "TLSv1.3" || c.version() == "TLSv1.2") << c.version();

  // A provider creates an entry and uploads a file over HTTPS (the body goes to a file).
  CatalogWorld w(s);  // organisations and the provider "transport", made through the service
  TlsClient provider(s.port(), certs.cert());
  ASSERT_EQ(provider.login("transport", TestServer::kPassword).status, 200);
  auto e = CatalogWorld::entry("TLS-1", "公交线路信息", {CatalogWorld::field("线路", "text", true),
                                                          CatalogWorld::field("票价", "decimal")});
  e["open_attribute"] = "unconditional";
  auto created = provider.post("/api/v1/entries", e);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string csv = "线路,票价\n";
  for (int i = 0; i < 3000; ++i) csv += "K" + std::to_string(i) + "," + std::to_string(i % 7) + ".5\n";
  auto up = provider.request("POST", "/api/v1/entries/TLS-1/uploads?mode=reject&filename=lines.csv", csv,
                             {{"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(up.status, 202) << up.body;
  auto job_id = up.json().at("id").as_int64();
  json::object job;
  for (int i = 0; i < 3000; ++i) {
    job = provider.get("/api/v1/jobs/" + std::to_string(job_id)).json().as_object();
    if (job.at("state") != "queued" && job.at("state") != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(job.at("state"), "succeeded") << json::serialize(job);
  TlsClient admin(s.port(), certs.cert());
  ASSERT_EQ(admin.login("admin", TestServer::kPassword).status, 200);
  auto pub = admin.post("/api/v1/entries/TLS-1/versions/" + std::to_string(job.at("version_id").as_int64()) + "/publish",
                        json::object{});
  ASSERT_EQ(pub.status, 200) << pub.body;

  // The data API and SODA over HTTPS.
  auto rows = c.get("/api/v1/datasets/TLS-1/rows?$where=%E7%A5%A8%E4%BB%B7%20%3E%205&$order=%E7%BA%BF%E8%B7%AF&$limit=3");
  ASSERT_EQ(rows.status, 200) << rows.body;
  auto arr = rows.json().at("rows").as_array();
  ASSERT_EQ(arr.size(), 3u) << rows.body;
  // 票价 > 5: the lines i with i % 7 of 5 or 6, ordered as text.
  EXPECT_EQ(arr[0].at("线路"), "K1000");
  EXPECT_EQ(arr[1].at("线路"), "K1006");
  EXPECT_EQ(arr[2].at("线路"), "K1007");
  auto soda = c.get("/resource/TLS-1.json?$where=%E7%A5%A8%E4%BB%B7%20%3E%205&$order=%E7%BA%BF%E8%B7%AF&$limit=2");
  ASSERT_EQ(soda.status, 200) << soda.body;
  EXPECT_EQ(soda.json().as_array().size(), 2u);

  // A streamed (chunked) download: every row arrives, in order, over TLS.
  auto dl = c.get("/api/v1/datasets/TLS-1/download?format=csv");
  ASSERT_EQ(dl.status, 200) << dl.body;
  EXPECT_EQ(dl.headers["transfer-encoding"], "chunked");
  EXPECT_TRUE(dl.body.starts_with("线路,票价\r\nK0,0.5\r\n")) << dl.body.substr(0, 100);
  EXPECT_NE(dl.body.find("\r\nK2999,3.5\r\n"), std::string::npos);

  // The server's body limit (64 KiB in the tests) holds over TLS: 413, then the connection ends.
  auto big = c.request("POST", "/api/v1/auth/login", std::string(100 * 1024, 'x'));
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(c.get("/healthz").status, 200);  // a new connection
  EXPECT_EQ(c.connections_opened, 2);
}

TEST(TlsTest, PlainHttpToTheTlsPortIsAnswered400AndTheServerKeepsServing) {
  CertDir certs;
  KF_NEED_OPENSSL(certs);
  TestServer s("sqlite", certs.toml());
  // The test's plain HTTP client: a 400 that says to use HTTPS, then the connection closes.
  Reply plain = s.client().get("/healthz");
  EXPECT_EQ(plain.status, 400);
  EXPECT_EQ(plain.error_code(), "invalid_argument");
  EXPECT_NE(plain.error_message().find("HTTPS"), std::string::npos) << plain.body;
  std::string raw = raw_exchange(s.port(), "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  EXPECT_TRUE(raw.starts_with("HTTP/1.1 400")) << raw;
  EXPECT_NE(raw.find("Connection: close"), std::string::npos) << raw;
  // A TLS record with a broken ClientHello: at most a TLS alert, then the connection ends.
  std::string broken = raw_exchange(s.port(), std::string("\x16\x03\x01\x00\x40\x01\x00\x00\x3c", 9) + std::string(60, '\xff'));
  EXPECT_LT(broken.size(), 16u);
  EXPECT_FALSE(broken.starts_with("HTTP")) << broken;
  // A connection closed before saying anything.
  EXPECT_EQ(raw_exchange(s.port(), ""), "");
  EXPECT_EQ(raw_exchange(s.port(), ""), "");
  // An HTTPS client that does not trust the certificate fails its handshake; so does one that
  // offers at most TLS 1.1.
  CertDir other;
  ASSERT_TRUE(other.ok);
  EXPECT_THROW(TlsClient(s.port(), other.cert()).get("/healthz"), std::exception);
  EXPECT_THROW(TlsClient(s.port(), certs.cert(), TLS1_1_VERSION).get("/healthz"), std::exception);
  // The server is still there.
  TlsClient tls12(s.port(), certs.cert(), TLS1_2_VERSION);
  EXPECT_EQ(tls12.get("/healthz").status, 200);
  EXPECT_EQ(tls12.version(), "TLSv1.2");
  EXPECT_EQ(TlsClient(s.port(), certs.cert()).get("/healthz").status, 200);
}

// http::Server on its own, with a pipeline that has no routes.
struct BareServer {
  http::Router router;
  http::Metrics metrics;
  http::Pipeline pipeline{router,
                          [](const http::Request&) -> Result<std::optional<http::Principal>> {
                            return std::optional<http::Principal>{};
                          },
                          nullptr, "", metrics};
  Result<void> start(const std::string& cert, const std::string& key) {
    http::ServerOptions so;
    so.port = 0;
    so.handle_signals = false;
    so.tls_cert_file = cert;
    so.tls_key_file = key;
    server = std::make_unique<http::Server>(so, pipeline);
    return server->start();
  }
  std::unique_ptr<http::Server> server;
};

TEST(TlsTest, BadCertificateOrKeyFilesAreRefusedAtStartNamingTheFile) {
  CertDir certs;
  KF_NEED_OPENSSL(certs);
  BareServer ok;
  ASSERT_TRUE(ok.start(certs.cert(), certs.key()));
  EXPECT_TRUE(ok.server->tls());

  auto expect_refused = [](const Result<void>& r, const std::string& file, const std::string& words) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(r.error().message.find(file), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find(words), std::string::npos) << r.error().message;
  };
  // Missing files.
  BareServer s1;
  expect_refused(s1.start(certs.cert(), (certs.dir / "nope.pem").string()), "nope.pem", "私钥文件");
  BareServer s2;
  expect_refused(s2.start((certs.dir / "nope.pem").string(), certs.key()), "nope.pem", "证书文件");
  // Only one of the two.
  BareServer s3;
  auto one = s3.start(certs.cert(), "");
  ASSERT_FALSE(one);
  EXPECT_EQ(one.error().code, ErrorCode::invalid_argument);
  // A key file that is not a key: the error names the file but never shows its contents.
  auto bad_key = certs.dir / "bad-key.pem";
  std::ofstream(bad_key) << "-----BEGIN PRIVATE KEY-----\nSECRET-MATERIAL-NOT-A-KEY\n-----END PRIVATE KEY-----\n";
  BareServer s4;
  auto r4 = s4.start(certs.cert(), bad_key.string());
  expect_refused(r4, "bad-key.pem", "私钥文件");
  EXPECT_EQ(r4.error().message.find("SECRET-MATERIAL"), std::string::npos);
  EXPECT_EQ(r4.error().detail.find("SECRET-MATERIAL"), std::string::npos);
  // The certificate given as the key, and a key file given as the certificate.
  BareServer s5;
  expect_refused(s5.start(certs.cert(), certs.cert()), "cert.pem", "私钥文件");
  BareServer s6;
  expect_refused(s6.start(certs.key(), certs.key()), "key.pem", "证书文件");
  // A key of another certificate.
  ASSERT_TRUE(certs.make("cert2.pem", "key2.pem"));
  BareServer s7;
  expect_refused(s7.start(certs.cert(), (certs.dir / "key2.pem").string()), "key2.pem", "不匹配");
  // An encrypted key is refused rather than prompting for a passphrase.
  auto enc = (certs.dir / "enc-key.pem").string();
  ASSERT_EQ(run({certs.openssl, "pkey", "-in", certs.key(), "-out", enc, "-aes256", "-passout", "pass:secret"}), 0);
  BareServer s8;
  expect_refused(s8.start(certs.cert(), enc), "enc-key.pem", "私钥文件");
}

// Runs a command line through the shell with stdout and stderr in `log`; returns its pid.
pid_t spawn_logged(const std::string& command, const fs::path& log) {
  return spawn({"/bin/sh", "-c", "exec " + command + " >'" + log.string() + "' 2>&1"});
}

unsigned short free_port() {
  asio::io_context ioc;
  tcp::acceptor a(ioc, {asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

TEST(TlsTest, ServeCommandTakesTlsFromFlagsOrConfigAndStopsCleanly) {
  CertDir certs;
  KF_NEED_OPENSSL(certs);
  std::string db = "sqlite:" + (certs.dir / "k.db").string();
  std::string cfg = (certs.dir / "k.toml").string();
  std::ofstream(cfg) << "[security]\nargon2_ops = 1\nargon2_mem_kib = 8192\n";
  std::string base = std::string(KAIFANG_BIN) + " serve --db '" + db + "' --config '" + cfg + "'";
  ASSERT_EQ(run({KAIFANG_BIN, "init", "--db", db, "--config", cfg, "--admin-password", "Root-Pass-2026!"}), 0);

  // Only one of the two options.
  auto log = certs.dir / "serve.log";
  EXPECT_EQ(wait_exit(spawn_logged(base + " --tls-cert '" + certs.cert() + "'", log)), 2);
  EXPECT_NE(read_file(log).find("--tls-key"), std::string::npos) << read_file(log);
  // A bad key: exit 1, the message names the file.
  auto bad = certs.dir / "bad.pem";
  std::ofstream(bad) << "not a key\n";
  EXPECT_EQ(wait_exit(spawn_logged(base + " --listen 127.0.0.1:0 --tls-cert '" + certs.cert() + "' --tls-key '" +
                                       bad.string() + "'",
                                   log)),
            1);
  EXPECT_NE(read_file(log).find("bad.pem"), std::string::npos) << read_file(log);

  auto serve_until_term = [&](const std::string& args, const std::string& cfg_extra) {
    if (!cfg_extra.empty()) std::ofstream(cfg, std::ios::app) << cfg_extra;
    unsigned short port = free_port();
    pid_t pid = spawn_logged(base + " --listen 127.0.0.1:" + std::to_string(port) + args, log);
    bool up = false;
    std::optional<TlsClient> idle;
    for (int i = 0; i < 1200 && !up; ++i) {
      try {
        idle.emplace(port, certs.cert());
        up = idle->get("/healthz").status == 200;
      } catch (const std::exception&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
    EXPECT_TRUE(up) << read_file(log);
    EXPECT_NE(read_file(log).find("listening on https://127.0.0.1:" + std::to_string(port) + "/"), std::string::npos)
        << read_file(log);
    // SIGTERM with an idle keep-alive TLS connection open: the process ends promptly with 0.
    auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(kill(pid, SIGTERM), 0);
    EXPECT_EQ(wait_exit(pid), 0) << read_file(log);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(1500));
  };
  // From the command line, then from the configuration file.
  serve_until_term(" --tls-cert '" + certs.cert() + "' --tls-key '" + certs.key() + "'", "");
  serve_until_term("", "[server]\ntls_cert = \"" + certs.cert() + "\"\ntls_key = \"" + certs.key() + "\"\n");
}

}  // namespace
}  // namespace kf::test
