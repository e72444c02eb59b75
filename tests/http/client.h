// A small synchronous HTTP/1.1 client for the tests, with a cookie jar and keep-alive.
#pragma once

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/json.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace kf::test {

struct Reply {
  unsigned status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names; several Set-Cookie: one per line
  boost::json::value json() const;             // parsed body (null when not JSON)
  std::string error_code() const;             // error.code of a JSON error
  std::string error_message() const;
};

class Client {
 public:
  explicit Client(unsigned short port) : port_(port) {}
  Reply request(const std::string& method, const std::string& target, const std::string& body = {},
                const std::map<std::string, std::string>& headers = {});
  Reply get(const std::string& target) { return request("GET", target); }
  // POSTs JSON, adding the CSRF header when a token is known.
  Reply post(const std::string& target, const boost::json::value& body);
  Reply del(const std::string& target);
  // Logs in and remembers the session cookie and CSRF token.
  Reply login(const std::string& username, const std::string& password);

  std::string csrf;
  std::string cookie;                 // "kf_session=…" once logged in
  std::map<std::string, std::string> extra_headers;  // sent on every request (X-Api-Key …)
  int connections_opened = 0;

 private:
  void ensure_connected();
  unsigned short port_;
  std::unique_ptr<boost::asio::io_context> ioc_ = std::make_unique<boost::asio::io_context>();
  std::optional<boost::beast::tcp_stream> stream_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace kf::test
