// Request and response types shared by the server, the middleware and the API handlers.
#pragma once

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace kf::http {

namespace bh = boost::beast::http;

// Who is calling, as established by the authenticator.
struct Principal {
  enum class Via { session, api_key };
  std::int64_t user_id = 0;
  std::string username;
  std::vector<std::string> roles;
  Via via = Via::session;
  std::string csrf_token;   // the session's token (sessions only)
  std::string session_key;  // hash identifying the session or key, for logout / revocation
  std::int64_t api_key_id = 0;
  std::vector<std::int64_t> org_ids;  // organisations the user belongs to
  bool verified = false;              // real name verified
  std::optional<std::string> licence_version;  // open-data licence accepted last

  bool has_role(std::string_view role) const;
};

// A response body produced piece by piece (downloads), so memory does not grow with its size.
// next() runs on a worker thread; the server asks for the next piece only after the previous one
// was written (back-pressure). Returns false at the end. An error after the first piece cannot
// change the status any more: the server then ends the connection without the final chunk, so
// the client sees an incomplete transfer.
class ChunkSource {
 public:
  virtual ~ChunkSource() = default;
  virtual Result<bool> next(std::string& chunk) = 0;
};

struct Request {
  bh::request<bh::string_body> raw;
  std::string path;                           // percent-decoded path
  std::map<std::string, std::string> query;   // decoded query parameters (last one wins)
  std::map<std::string, std::string> params;  // path parameters of the matched route
  std::string remote_addr;
  std::string request_id;
  std::string route;                          // the matched route pattern ("" if none)
  std::optional<Principal> principal;
  // For body_to_file routes: the temporary file holding the body. Removed after the handler
  // unless the handler moved it away (and cleared this).
  std::string body_file;
  // Set by a handler to stream the response body (chunked); the Response's own body is ignored.
  std::shared_ptr<ChunkSource> stream;

  bh::verb method() const { return raw.method(); }
  std::string_view header(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;
  const std::string& body() const { return raw.body(); }
  // Path parameter as int64; invalid_argument when it is not a positive number.
  Result<std::int64_t> id_param(const std::string& name) const;
};

using Response = bh::response<bh::string_body>;

Response json_response(bh::status status, const boost::json::value& body);
Response empty_response(bh::status status);
// Maps an error to its HTTP status and the JSON body {"error":{"code","message","field"?}}.
Response error_response(const Error& e);
// The same with an explicit code string (e.g. "account_locked", "invalid_query").
Response error_response(bh::status status, std::string_view code, std::string_view message);
bh::status status_of(ErrorCode code);

}  // namespace kf::http
