#include "app/serve.h"

#include <spdlog/spdlog.h>

#include "app/service.h"
#include "core/log.h"

namespace kf::app {

int run_serve(const GlobalOptions& g, const ServeOptions& s) {
  auto rt_result = open_runtime(g, SchemaMode::migrate, 16);
  if (!rt_result) {
    std::fprintf(stderr, "无法启动：%s\n", rt_result.error().message.c_str());
    if (!rt_result.error().detail.empty()) std::fprintf(stderr, "  %s\n", rt_result.error().detail.c_str());
    return 1;
  }
  auto& rt = **rt_result;
  auto& cfg = rt.config;
  if (!s.listen.empty()) cfg.server.listen = s.listen;
  if (!s.web_root.empty()) cfg.server.web_root = s.web_root;
  if (!s.tls_cert.empty()) cfg.server.tls_cert = s.tls_cert;
  if (!s.tls_key.empty()) cfg.server.tls_key = s.tls_key;
  core::init_logging(cfg.log.format, cfg.log.level);

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
