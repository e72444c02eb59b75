// JSON shapes of the access types as the API returns them.
#pragma once

#include <boost/json.hpp>

#include "access/types.h"
#include "http/request.h"

namespace kf::api {

boost::json::object user_json(const access::User& u);
boost::json::object org_json(const access::Org& o);
boost::json::object api_key_json(const access::ApiKey& k);

// Shorthand used by every handler: an error result becomes its JSON error response.
template <typename T, typename F>
http::Response respond(Result<T> r, F&& ok) {
  if (!r) return http::error_response(r.error());
  return ok(*r);
}

}  // namespace kf::api
