// HTTP-level behaviour: health, metrics, JSON errors for bad input, limits, keep-alive.
#include <boost/json.hpp>

#include "harness.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using ProtocolTest = BackendTest;

TEST_P(ProtocolTest, HealthAndReadiness) {
  TestServer s(GetParam());
  Client c = s.client();
  auto h = c.get("/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.json(), json::parse(R"({"status":"ok"})"));
  auto r = c.get("/readyz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json().at("database"), "ok");
  EXPECT_FALSE(h.headers["x-request-id"].empty());
}

TEST_P(ProtocolTest, ErrorsAreJsonWithTheRightStatus) {
  TestServer s(GetParam());
  Client c = s.client();
  auto malformed = c.request("POST", "/api/v1/auth/login", "{\"username\": \"a\",");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.error_code(), "invalid_argument");
  EXPECT_EQ(malformed.error_message(), "请求体不是有效的 JSON");
  EXPECT_EQ(c.request("POST", "/api/v1/auth/login", "[1,2]").status, 400);
  auto missing = c.post("/api/v1/auth/login", {{"username", "a"}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.json().at("error").at("field"), "password");

  auto unknown = c.get("/api/v1/no-such-thing");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.error_code(), "not_found");
  EXPECT_EQ(unknown.headers["content-type"], "application/json; charset=utf-8");
  EXPECT_EQ(c.request("DELETE", "/api/v1/orgs").status, 405);

  auto no_session = c.get("/api/v1/me");
  EXPECT_EQ(no_session.status, 401);
  EXPECT_EQ(no_session.error_code(), "unauthenticated");
}

TEST_P(ProtocolTest, OversizedBodyIs413) {
  TestServer s(GetParam());  // body limit 64 KiB in the test configuration
  Client c = s.client();
  std::string big = "{\"username\":\"" + std::string(70 * 1024, 'a') + "\"}";
  auto r = c.request("POST", "/api/v1/auth/register", big);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.error_code(), "too_large");
  // The server is still fine afterwards.
  EXPECT_EQ(s.client().get("/healthz").status, 200);
}

TEST_P(ProtocolTest, KeepAliveReusesTheConnection) {
  TestServer s(GetParam());
  Client c = s.client();
  for (int i = 0; i < 20; ++i) ASSERT_EQ(c.get("/healthz").status, 200);
  EXPECT_EQ(c.connections_opened, 1);
}

TEST_P(ProtocolTest, MetricsCountRequestsByRouteAndStatus) {
  TestServer s(GetParam());
  Client c = s.client();
  for (int i = 0; i < 3; ++i) c.get("/healthz");
  c.get("/api/v1/me");
  auto m = c.get("/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_NE(m.headers["content-type"].find("text/plain"), std::string::npos);
  EXPECT_NE(m.body.find("kaifang_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 3"),
            std::string::npos)
      << m.body;
  EXPECT_NE(m.body.find("route=\"/api/v1/me\",status=\"401\"} 1"), std::string::npos);
  EXPECT_NE(m.body.find("kaifang_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 3"),
            std::string::npos);
}

TEST_P(ProtocolTest, RateLimitAnswers429WithRetryAfter) {
  TestServer s(GetParam(), "rate_limit.per_ip_per_second = 1\nrate_limit.burst = 3\n");
  Client c = s.client();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(c.get("/api/v1/orgs").status, 200);
  auto limited = c.get("/api/v1/orgs");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.error_code(), "rate_limited");
  EXPECT_EQ(limited.headers["retry-after"], "1");
  EXPECT_EQ(c.get("/healthz").status, 200);  // health checks are never limited
  s.clock().advance(std::chrono::seconds(2));
  EXPECT_EQ(c.get("/api/v1/orgs").status, 200);
}

TEST_P(ProtocolTest, OpenApiDescribesEveryRoute) {
  TestServer s(GetParam());
  auto doc = s.client().get("/api/openapi.json");
  ASSERT_EQ(doc.status, 200);
  EXPECT_EQ(doc.json().at("openapi"), "3.1.0");
  EXPECT_EQ(s.client().get("/api/v1/openapi.json").body, doc.body);
  auto body = doc.json();
  const auto& paths = body.at("paths").as_object();
  for (const auto& r : s.router().routes()) {
    ASSERT_TRUE(paths.contains(r.pattern)) << r.pattern;
  }
  EXPECT_EQ(paths.at("/api/v1/users").at("post").at("x-permission").at("roles"), json::array({"admin"}));
}

KF_BACKEND_SUITE(ProtocolTest);

}  // namespace
}  // namespace kf::test

namespace kf::test {
namespace {

// A client that sends half a request and then nothing is disconnected after the read
// timeout, so idle or slow clients cannot hold connections forever.
TEST(ProtocolTimeouts, ASilentClientIsDisconnectedAfterTheReadTimeout) {
  TestServer s("sqlite", "server.read_timeout_s = 1\n");
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket sock(ioc);
  sock.connect({boost::asio::ip::make_address("127.0.0.1"), s.port()});
  boost::asio::write(sock, boost::asio::buffer(std::string("GET /healthz HTTP/1.1\r\nHost: x\r\n")));
  // Wait for the server to close (bounded by SO_RCVTIMEO so a bug fails instead of hanging).
  timeval tv{15, 0};
  setsockopt(sock.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char buf[256];
  boost::system::error_code ec;
  std::size_t n = sock.read_some(boost::asio::buffer(buf), ec);
  EXPECT_EQ(n, 0u);
  EXPECT_EQ(ec, boost::asio::error::eof) << ec.message();
}

}  // namespace
}  // namespace kf::test
