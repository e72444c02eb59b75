#include "http/client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

#include <cctype>
#include <fmt/format.h>

namespace kf::http {

namespace beast = boost::beast;
namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {

template <typename Stream>
Result<FetchResponse> exchange(Stream& stream, const FetchRequest& req, const std::string& host, const std::string& target) {
  beast::http::request<beast::http::string_body> r{beast::http::string_to_verb(req.method), target, 11};
  r.set(beast::http::field::host, host);
  r.set(beast::http::field::user_agent, "kaifang");
  for (const auto& [k, v] : req.headers) r.set(k, v);
  if (!req.body.empty() || req.method == "POST") {
    r.body() = req.body;
    r.prepare_payload();
  }
  beast::error_code ec;
  beast::http::write(stream, r, ec);
  if (ec) return Error::unavailable(fmt::format("无法连接 {}：{}", host, ec.message()));
  beast::flat_buffer buffer;
  beast::http::response_parser<beast::http::string_body> parser;
  parser.body_limit(4u << 20);
  beast::http::read(stream, buffer, parser, ec);
  if (ec) return Error::unavailable(fmt::format("{} 的应答无法读取：{}", host, ec.message()));
  FetchResponse out;
  const auto& res = parser.get();
  out.status = res.result_int();
  out.body = res.body();
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(f.value());
  }
  return out;
}

}  // namespace

std::string form_encode(const std::string& v) {
  std::string out;
  for (unsigned char c : v) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

Result<FetchResponse> fetch(const FetchRequest& req) {
  auto parsed = boost::urls::parse_absolute_uri(req.url);
  if (!parsed) return Error::invalid("地址格式不正确", "url");
  const std::string scheme(parsed->scheme());
  if (scheme != "http" && scheme != "https") return Error::invalid("只支持 http 和 https 地址", "url");
  const bool tls = scheme == "https";
  const std::string host(parsed->host());
  const std::string port = parsed->has_port() ? std::string(parsed->port()) : (tls ? "443" : "80");
  std::string target(parsed->encoded_path());
  if (target.empty()) target = "/";
  if (parsed->has_query()) target += "?" + std::string(parsed->encoded_query());
  const std::string host_header = parsed->has_port() ? host + ":" + port : host;
  try {
    asio::io_context io;
    tcp::resolver resolver(io);
    beast::error_code ec;
    auto endpoints = resolver.resolve(host, port, ec);
    if (ec) return Error::unavailable(fmt::format("无法解析 {}：{}", host, ec.message()));
    if (!tls) {
      beast::tcp_stream stream(io);
      stream.expires_after(req.timeout);
      stream.connect(endpoints, ec);
      if (ec) return Error::unavailable(fmt::format("无法连接 {}：{}", host, ec.message()));
      auto r = exchange(stream, req, host_header, target);
      stream.socket().shutdown(tcp::socket::shutdown_both, ec);
      return r;
    }
    ssl::context ctx(ssl::context::tls_client);
    ctx.set_default_verify_paths();
    ctx.set_verify_mode(ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(io, ctx);
    if (!SSL_set_tlsext_host_name(stream.native_handle(), host.c_str())) {
      return Error::unavailable(fmt::format("无法与 {} 建立加密连接", host));
    }
    stream.set_verify_callback(ssl::host_name_verification(host));
    beast::get_lowest_layer(stream).expires_after(req.timeout);
    beast::get_lowest_layer(stream).connect(endpoints, ec);
    if (ec) return Error::unavailable(fmt::format("无法连接 {}：{}", host, ec.message()));
    stream.handshake(ssl::stream_base::client, ec);
    if (ec) return Error::unavailable(fmt::format("无法与 {} 建立加密连接（证书校验失败或协议不符）：{}", host, ec.message()));
    auto r = exchange(stream, req, host_header, target);
    stream.shutdown(ec);
    return r;
  } catch (const std::exception& e) {
    return Error::unavailable(fmt::format("无法连接 {}：{}", host, e.what()));
  }
}

}  // namespace kf::http
