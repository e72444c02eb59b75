#include "app/serve.h"

#include <spdlog/spdlog.h>

#include "app/service.h"
#include "core/log.h"

namespace kf::app {

namespace {

int refuse(const Error& e) {
  std::fprintf(stderr, "无法启动：%s\n", e.message.c_str());
  return 2;
}

}  // namespace

int run_serve(const GlobalOptions& g, const ServeOptions& s) {
  // The scenario test clock: checked before anything is opened, so a production configuration
  // never starts on it, not even for a moment.
  std::unique_ptr<core::ManualClock> test_clock;
  if (!s.test_clock.empty()) {
    auto start = core::parse_china_time(s.test_clock);
    if (!start) return refuse(Error::invalid("--test-clock：" + start.error().message));
    core::Config probe;
    if (!g.config_file.empty()) {
      auto c = core::load_config(g.config_file);
      if (!c) return refuse(c.error());
      probe = std::move(*c);
    }
    if (!probe.testing.allow_test_clock) {
      return refuse(Error::denied("--test-clock 仅供测试环境使用：配置文件须设置 [testing] allow_test_clock = true"));
    }
    test_clock = std::make_unique<core::ManualClock>(*start);
  }
  auto rt_result = open_runtime(g, SchemaMode::migrate, 16, test_clock.get());
  if (!rt_result) {
    std::fprintf(stderr, "无法启动：%s\n", rt_result.error().message.c_str());
    if (!rt_result.error().detail.empty()) std::fprintf(stderr, "  %s\n", rt_result.error().detail.c_str());
    return 1;
  }
  auto& rt = **rt_result;
  // The storage folder must be this deployment's before the start-up sweep may look at it.
  if (auto claimed = rt.claim_storage(); !claimed) {
    std::fprintf(stderr, "无法启动：%s\n", claimed.error().message.c_str());
    if (!claimed.error().detail.empty()) std::fprintf(stderr, "  %s\n", claimed.error().detail.c_str());
    return 1;
  }
  auto& cfg = rt.config;
  if (!s.listen.empty()) cfg.server.listen = s.listen;
  if (!s.web_root.empty()) cfg.server.web_root = s.web_root;
  if (!s.tls_cert.empty()) cfg.server.tls_cert = s.tls_cert;
  if (!s.tls_key.empty()) cfg.server.tls_key = s.tls_key;
  core::init_logging(cfg.log.format, cfg.log.level);
  if (test_clock) {
    rt.test_clock = test_clock.get();
    spdlog::warn("{{\"event\":\"test_clock\",\"start\":\"{}\",\"message\":\"!!! TEST CLOCK ON: this server runs on a "
                 "settable clock (POST /api/v1/testing/clock moves it); never use it in production / 测试时钟已启用，"
                 "切勿用于生产环境 !!!\"}}",
                 core::china_iso8601(test_clock->now_ms()));
  }

  auto listen = http::parse_listen(cfg.server.listen);
  if (!listen) {
    spdlog::error("{}", listen.error().message);
    return 2;
  }
  if (cfg.server.tls_cert.empty() != cfg.server.tls_key.empty()) {
    spdlog::error("启用 TLS 需要同时给出证书与私钥：--tls-cert 与 --tls-key（或配置项 server.tls_cert 与 server.tls_key）");
    return 2;
  }
  HttpService service(rt);
  http::ServerOptions so = service.server_options();
  so.host = listen->first;
  so.port = listen->second;
  http::Server server(so, service.pipeline());
  if (auto r = server.start(); !r) {
    spdlog::error("{} ({})", r.error().message, r.error().detail);
    return 1;
  }
  // An IPv6 address goes in brackets in a URL.
  std::string host = so.host.find(':') == std::string::npos ? so.host : "[" + so.host + "]";
  spdlog::info("kaifang listening on {}://{}:{}/", server.tls() ? "https" : "http", host, server.port());
  server.run();
  return 0;
}

}  // namespace kf::app
