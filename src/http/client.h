// A small synchronous HTTP/1.1 client for calls the server makes to other services (the OpenID
// Connect provider's discovery, token and userinfo endpoints). HTTPS verifies the peer against
// the system's trust store and the host name; plain http is for services on this machine.
#pragma once

#include <chrono>
#include <map>
#include <string>

#include "core/error.h"

namespace kf::http {

struct FetchRequest {
  std::string method = "GET";
  std::string url;                             // http://host[:port]/path?query or https://…
  std::map<std::string, std::string> headers;  // e.g. Authorization, Content-Type
  std::string body;
  std::chrono::seconds timeout{10};            // the whole exchange
};

struct FetchResponse {
  unsigned status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
};

// Sends the request and reads the whole answer (at most 4 MiB). Errors: unavailable with a
// Chinese message naming the host (not the path or query, which may carry codes) when the
// service cannot be reached, times out or the certificate does not verify; invalid_argument for
// a malformed URL. Any HTTP status is a successful fetch.
Result<FetchResponse> fetch(const FetchRequest& req);

// application/x-www-form-urlencoded encoding of one value.
std::string form_encode(const std::string& v);

}  // namespace kf::http
