// Route table with path parameters ("/api/v1/orgs/{id}") and a permission declared per route.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/request.h"

namespace kf::http {

// Who may call a route. Every route declares one; the server checks it before the handler.
struct Permission {
  enum class Kind { anyone, signed_in, roles };
  Kind kind = Kind::signed_in;
  std::vector<std::string> roles;  // for Kind::roles: any one of these suffices

  static Permission anyone() { return {Kind::anyone, {}}; }
  static Permission signed_in() { return {Kind::signed_in, {}}; }
  static Permission any_role(std::vector<std::string> r) { return {Kind::roles, std::move(r)}; }
};

using Handler = std::function<Response(Request&)>;

struct Route {
  bh::verb method;
  std::string pattern;
  Permission permission;
  Handler handler;
  std::string summary;        // one line for the OpenAPI description
  std::string tag;            // OpenAPI tag
  bool csrf_exempt = false;   // login / register: no session exists yet
  bool body_to_file = false;  // uploads: the body is streamed to Request::body_file
  std::uint64_t body_limit = 0;  // 0: the server's default limit
  // Routes that serve dataset rows or values name the access channels they read through
  // (access::Channel names: "rows", "download_csv" …). Such a handler asks the access decision
  // for one of them before reading (api::decide_read); a route that serves data without
  // declaring a channel fails the read-path enumeration test (tests/http/access_paths_test.cpp).
  std::vector<std::string> channels;
};

class Router {
 public:
  void add(Route r);

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    bool path_known = false;  // some route has this path (for 405 vs 404)
  };
  Match match(bh::verb method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;
};

// Splits "/a/b/" into {"a","b"}.
std::vector<std::string> split_path(std::string_view path);

}  // namespace kf::http
