// Sign-in through an external OpenID Connect provider (APP-1, Shandong art. 13) against a real one:
// panva's oidc-provider (tests/oidc/provider.mjs) with its development login and consent pages,
// driven like a browser: redirects followed, cookies kept, the forms posted. Skipped when node or
// tests/oidc/node_modules is missing (scripts/install-deps.sh installs them; `make test` has them).
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>

#include <sys/wait.h>

#include <filesystem>
#include <memory>
#include <fstream>
#include <regex>
#include <thread>

#include "harness.h"
#include "process.h"

namespace kf::test {
namespace {

namespace fs = std::filesystem;
using OidcTest = BackendTest;

std::string source_dir() { return fs::path(KF_SOURCE_DATA_DIR).parent_path().string(); }

std::string find_node() {
  for (const char* p : {"/usr/bin/node", "/usr/local/bin/node"}) {
    if (fs::exists(p)) return p;
  }
  return {};
}

unsigned short free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

// The provider process, killed at the end.
struct Provider {
  pid_t pid = -1;
  ~Provider() {
    if (pid > 0) {
      ::kill(pid, SIGTERM);
      wait_exit(pid);
    }
  }
};

// A browser's view of the provider: a cookie jar over a test client.
struct Browser {
  explicit Browser(unsigned short port) : client(port), host("127.0.0.1:" + std::to_string(port)) {}
  Reply go(const std::string& method, const std::string& target, const std::string& body = {}) {
    std::map<std::string, std::string> h{{"Host", host}};
    std::string jar;
    for (const auto& [k, v] : cookies) jar += (jar.empty() ? "" : "; ") + k + "=" + v;
    if (!jar.empty()) h["Cookie"] = jar;
    if (!body.empty()) h["Content-Type"] = "application/x-www-form-urlencoded";
    Reply r = client.request(method, target, body, h);
    std::istringstream lines(r.headers["set-cookie"]);
    for (std::string line; std::getline(lines, line);) {
      auto eq = line.find('='), semi = line.find(';');
      if (eq == std::string::npos) continue;
      std::string name = line.substr(0, eq), value = line.substr(eq + 1, semi == std::string::npos ? semi : semi - eq - 1);
      if (value.empty() || line.find("expires=Thu, 01 Jan 1970") != std::string::npos) {
        cookies.erase(name);
      } else {
        cookies[name] = value;
      }
    }
    return r;
  }
  Client client;
  std::string host;
  std::map<std::string, std::string> cookies;
};

std::string path_of(const std::string& url, const std::string& origin) {
  return url.rfind(origin, 0) == 0 ? url.substr(origin.size()) : url;
}

// Signs in at the provider as `login`, starting from its authorization URL; returns the URL it
// finally sends the browser to (our callback with code and state).
std::string sign_in_at_provider(Browser& b, const std::string& origin, std::string url, const std::string& login) {
  for (int step = 0; step < 12; ++step) {
    if (url.rfind(origin, 0) != 0 && url[0] != '/') return url;  // left the provider
    Reply r = b.go("GET", path_of(url, origin));
    if (r.status >= 300 && r.status < 400) {
      url = r.headers["location"];
      continue;
    }
    if (r.status != 200) throw std::runtime_error("provider answered " + std::to_string(r.status) + ": " + r.body);
    std::smatch action, prompt;
    if (!std::regex_search(r.body, action, std::regex("action=\"([^\"]+)\"")) ||
        !std::regex_search(r.body, prompt, std::regex("name=\"prompt\" value=\"([a-z]+)\""))) {
      throw std::runtime_error("no form on the provider's page: " + r.body.substr(0, 400));
    }
    std::string form = "prompt=" + prompt[1].str();
    if (prompt[1] == "login") form += "&login=" + login + "&password=any-password";
    Reply posted = b.go("POST", path_of(action[1].str(), origin), form);
    if (posted.status < 300 || posted.status >= 400) throw std::runtime_error("form post answered " + posted.body);
    url = posted.headers["location"];
  }
  throw std::runtime_error("too many steps at the provider");
}

std::string cookie_value(const std::string& set_cookie_lines, const std::string& name) {
  std::istringstream lines(set_cookie_lines);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(name + "=", 0) == 0) return line.substr(name.size() + 1, line.find(';') - name.size() - 1);
  }
  return {};
}

TEST_P(OidcTest, SignInThroughTheIdentityProviderMakesAVerifiedAccountOnce) {
  const std::string node = find_node();
  const fs::path script = fs::path(source_dir()) / "tests/oidc/provider.mjs";
  if (node.empty()) GTEST_SKIP() << "node not found";
  if (!fs::exists(script.parent_path() / "node_modules/oidc-provider")) {
    GTEST_SKIP() << "tests/oidc/node_modules missing (run scripts/install-deps.sh or npm ci in tests/oidc)";
  }
  const fs::path secret = fs::temp_directory_path() / ("kf-oidc-secret-" + std::to_string(::getpid()));
  std::ofstream(secret) << "kaifang-oidc-secret-2026\n";
  // The provider's port is chosen before our server starts (its configuration names the issuer)
  // and the provider learns our callback once we listen. A port taken again in between leaves
  // the provider unable to listen: then both start again on new ports, up to three times.
  std::unique_ptr<TestServer> server;
  Provider idp;
  unsigned short idp_port = 0;
  std::string issuer;
  bool up = false;
  for (int attempt = 0; attempt < 3 && !up; ++attempt) {
    if (idp.pid > 0) {
      ::kill(idp.pid, SIGTERM);
      wait_exit(idp.pid);
      idp.pid = -1;
    }
    server.reset();
    idp_port = free_port();
    issuer = "http://127.0.0.1:" + std::to_string(idp_port);
    server = std::make_unique<TestServer>(
        GetParam(), "[oidc]\nissuer = \"" + issuer + "\"\nclient_id = \"kaifang\"\nclient_secret_file = \"" +
                        secret.string() +
                        "\"\nscopes = \"openid profile idcard phone\"\nid_number_claim = \"id_number\"\n"
                        "label = \"山东省统一身份认证平台\"\n");
    idp.pid = spawn({node, script.string(), std::to_string(idp_port),
                     "http://127.0.0.1:" + std::to_string(server->port()) + "/api/v1/auth/oidc/callback"},
                    /*quiet=*/false);
    // Up to 20 s: node loads oidc-provider slowly when every core is busy with other suites.
    for (int i = 0; i < 200 && !up; ++i) {
      try {
        up = Client(idp_port).get("/.well-known/openid-configuration").status == 200;
      } catch (const std::exception&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      if (!up && ::waitpid(idp.pid, nullptr, WNOHANG) == idp.pid) {
        idp.pid = -1;  // it exited (its error is on stderr): try other ports
        break;
      }
    }
  }
  ASSERT_TRUE(up) << "oidc-provider did not start";
  TestServer& s = *server;

  Client kf = s.client();
  auto info = kf.get("/api/v1/auth/oidc").json();
  EXPECT_EQ(info.at("enabled"), true);
  EXPECT_EQ(info.at("label"), "山东省统一身份认证平台");

  auto sign_in = [&](const std::string& login) -> std::pair<Reply, Client> {
    Client c = s.client();
    // A browser names the port in Host; the redirect URI is made from it.
    auto start = c.request("GET", "/api/v1/auth/oidc/login?return_to=%2Fme%2Fapplications", {},
                           {{"Host", "127.0.0.1:" + std::to_string(s.port())}});
    if (start.status != 302) throw std::runtime_error("login answered " + start.body);
    const std::string sealed = cookie_value(start.headers["set-cookie"], "kf_oidc");
    const std::string location = start.headers["location"];
    if (location.rfind(issuer + "/auth?", 0) != 0 || location.find("code_challenge_method=S256") == std::string::npos) {
      throw std::runtime_error("unexpected authorization URL " + location);
    }
    Browser b(idp_port);
    const std::string back = sign_in_at_provider(b, issuer, location, login);
    const std::string ours = "http://127.0.0.1:" + std::to_string(s.port());
    auto done = c.request("GET", path_of(back, ours), {}, {{"Cookie", "kf_oidc=" + sealed}});
    if (done.status != 302) ADD_FAILURE() << back << " → " << done.status << " " << done.body;
    const std::string session = cookie_value(done.headers["set-cookie"], "kf_session");
    if (!session.empty()) c.cookie = "kf_session=" + session;
    return {done, std::move(c)};
  };

  // A verified identity: a new account, real-name verified with the provider's name and number.
  auto [done, c] = sign_in("verified-zhang");
  ASSERT_EQ(done.status, 302) << done.body;
  EXPECT_EQ(done.headers["location"], "/me/applications");
  auto me = c.get("/api/v1/me");
  ASSERT_EQ(me.status, 200) << me.body;
  const auto user = me.json();
  EXPECT_EQ(user.at("username"), "verified-zhang");
  EXPECT_EQ(user.at("real_name_verified"), true);
  EXPECT_EQ(user.at("real_name_masked"), "张**");
  EXPECT_EQ(me.body.find("11010519491231002X"), std::string::npos) << "the number itself is never kept";
  const auto id = user.at("id").as_int64();

  // The same identity again: the same account, no second one.
  auto [again, c2] = sign_in("verified-zhang");
  ASSERT_EQ(again.status, 302) << again.body;
  EXPECT_EQ(c2.get("/api/v1/me").json().at("id").as_int64(), id);
  EXPECT_EQ(s.runtime().access->list_users()->size(), 2u) << "admin of the harness, and one linked account";

  // An identity without a name and number: signed in, not verified.
  auto [plain, c3] = sign_in("someone");
  ASSERT_EQ(plain.status, 302) << plain.body;
  EXPECT_EQ(c3.get("/api/v1/me").json().at("real_name_verified"), false);

  // A callback that is not ours (wrong state, or no cookie) goes back to the sign-in page with a reason.
  auto forged = s.client().get("/api/v1/auth/oidc/callback?code=x&state=y");
  EXPECT_EQ(forged.status, 302);
  EXPECT_EQ(forged.headers["location"].rfind("/login?oidc_error=", 0), 0u) << forged.headers["location"];
  EXPECT_EQ(s.client().get("/api/v1/auth/oidc/callback?error=access_denied").headers["location"].rfind("/login?oidc_error=", 0), 0u);
  std::filesystem::remove(secret);
}

TEST_P(OidcTest, WithoutConfigurationThereIsNoExternalSignIn) {
  TestServer s(GetParam());
  EXPECT_EQ(s.client().get("/api/v1/auth/oidc").json().at("enabled"), false);
  EXPECT_EQ(s.client().get("/api/v1/auth/oidc/login").status, 503);
}

KF_BACKEND_SUITE(OidcTest);

}  // namespace
}  // namespace kf::test
