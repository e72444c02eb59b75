#include "client.h"

namespace kf::test {

namespace beast = boost::beast;
namespace bh = beast::http;
namespace json = boost::json;

json::value Reply::json() const {
  boost::system::error_code ec;
  auto v = json::parse(body, ec);
  return ec ? json::value(nullptr) : v;
}

std::string Reply::error_code() const {
  auto v = json();
  if (!v.is_object() || !v.as_object().contains("error")) return {};
  return std::string(v.at("error").at("code").as_string());
}

std::string Reply::error_message() const {
  auto v = json();
  if (!v.is_object() || !v.as_object().contains("error")) return {};
  return std::string(v.at("error").at("message").as_string());
}

void Client::ensure_connected() {
  if (stream_ && stream_->socket().is_open()) return;
  stream_.emplace(*ioc_);
  stream_->connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port_));
  buffer_.clear();
  ++connections_opened;
}

Reply Client::request(const std::string& method, const std::string& target, const std::string& body,
                      const std::map<std::string, std::string>& headers) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    ensure_connected();
    bh::request<bh::string_body> req{bh::string_to_verb(method), target, 11};
    req.set(bh::field::host, "127.0.0.1");
    req.keep_alive(true);
    if (!cookie.empty()) req.set(bh::field::cookie, cookie);
    for (const auto& [k, v] : extra_headers) req.set(k, v);
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty() || method == "POST") {
      req.body() = body;
      if (req.find(bh::field::content_type) == req.end()) req.set(bh::field::content_type, "application/json");
    }
    req.prepare_payload();
    beast::error_code ec;
    stream_->expires_after(std::chrono::seconds(60));
    bh::write(*stream_, req, ec);
    bh::response_parser<bh::string_body> parser;
    parser.body_limit(64u << 20);
    if (!ec) bh::read(*stream_, buffer_, parser, ec);
    if (ec) {
      // The server closed an idle keep-alive connection: reconnect once.
      stream_.reset();
      if (attempt == 0) continue;
      throw std::runtime_error("HTTP request failed: " + ec.message());
    }
    auto res = parser.release();
    Reply r;
    r.status = res.result_int();
    r.body = res.body();
    for (const auto& f : res) {
      std::string name(f.name_string());
      for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      // Repeated Set-Cookie headers are kept one per line.
      auto& slot = r.headers[name];
      slot = slot.empty() || name != "set-cookie" ? std::string(f.value()) : slot + "\n" + std::string(f.value());
    }
    if (!res.keep_alive()) stream_.reset();
    return r;
  }
  return {};
}

Reply Client::post(const std::string& target, const json::value& body) {
  std::map<std::string, std::string> h;
  if (!csrf.empty()) h["X-CSRF-Token"] = csrf;
  return request("POST", target, json::serialize(body), h);
}

Reply Client::del(const std::string& target) {
  std::map<std::string, std::string> h;
  if (!csrf.empty()) h["X-CSRF-Token"] = csrf;
  return request("DELETE", target, {}, h);
}

Reply Client::login(const std::string& username, const std::string& password) {
  Reply r = post("/api/v1/auth/login", {{"username", username}, {"password", password}});
  if (r.status == 200) {
    csrf = std::string(r.json().at("csrf_token").as_string());
    std::string set = r.headers["set-cookie"];
    cookie = set.substr(0, set.find(';'));
  }
  return r;
}

}  // namespace kf::test
