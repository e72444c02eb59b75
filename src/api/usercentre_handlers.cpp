// User centre routes: GET /api/v1/me/downloads, GET/PUT/DELETE /api/v1/me/favourites[/{code}],
// GET/PUT/DELETE /api/v1/me/subscriptions[/{code}], GET /api/v1/me/follow/{code}. Every route
// works on the signed-in caller's own records only (the user id comes from the session or key).
#include <algorithm>
#include <charconv>

#include "api/handlers.h"
#include "api/usercentre_routes.h"
#include "api/views.h"
#include "usercentre/usercentre.h"

namespace kf::api {

namespace json = boost::json;
using bh = http::bh::status;
using usercentre::Follow;

namespace {

int query_int(const Request& req, const char* key, int fallback, int lo, int hi) {
  auto it = req.query.find(key);
  if (it == req.query.end()) return fallback;
  int v = fallback;
  std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  return std::clamp(v, lo, hi);
}

Response handle_downloads(ApiContext& ctx, Request& req) {
  const int page = query_int(req, "page", 1, 1, 100000);
  const int size = query_int(req, "size", 20, 1, 100);
  return respond(ctx.usercentre.downloads(req.principal->user_id, page, size), [](const usercentre::DownloadPage& p) {
    json::array items;
    for (const auto& d : p.items) items.push_back(usercentre::to_json(d));
    return http::json_response(bh::ok, {{"items", items}, {"total", p.total}, {"page", p.page}, {"size", p.size}});
  });
}

template <Follow kind>
Response handle_followed(ApiContext& ctx, Request& req) {
  return respond(ctx.usercentre.followed(req.principal->user_id, kind),
                 [](const std::vector<usercentre::FollowedEntry>& fs) {
                   json::array items;
                   for (const auto& f : fs) items.push_back(usercentre::to_json(f));
                   return http::json_response(bh::ok, {{"items", items}});
                 });
}

template <Follow kind>
Response handle_follow(ApiContext& ctx, Request& req) {
  return respond(ctx.usercentre.follow(req.principal->user_id, kind, req.params["code"]),
                 [](const usercentre::FollowedEntry& f) { return http::json_response(bh::ok, usercentre::to_json(f)); });
}

template <Follow kind>
Response handle_unfollow(ApiContext& ctx, Request& req) {
  KF_HTTP_TRY(ctx.usercentre.unfollow(req.principal->user_id, kind, req.params["code"]));
  return http::empty_response(bh::no_content);
}

Response handle_follow_state(ApiContext& ctx, Request& req) {
  return respond(ctx.usercentre.state(req.principal->user_id, req.params["code"]), [](const usercentre::FollowState& s) {
    return http::json_response(bh::ok, {{"favourite", s.favourite}, {"subscribed", s.subscribed}});
  });
}

}  // namespace

void register_usercentre_routes(http::Router& router, ApiContext& ctx) {
  using V = http::bh::verb;
  const http::Permission me = http::Permission::signed_in();
  auto add = [&](V v, const char* path, Response (*fn)(ApiContext&, Request&), const char* summary) {
    router.add({v, path, me, [&ctx, fn](Request& req) { return fn(ctx, req); }, summary, "me", false});
  };
  add(V::get, "/api/v1/me/downloads", handle_downloads,
      "我的下载记录（数据集、版本、格式、行数、时间；最新在前；?page=&size=）");
  add(V::get, "/api/v1/me/favourites", handle_followed<Follow::favourite>, "我的收藏（已收藏的数据集，最新在前）");
  add(V::put, "/api/v1/me/favourites/{code}", handle_follow<Follow::favourite>, "收藏数据集（仅限已开放的数据集；重复收藏无变化）");
  add(V::delete_, "/api/v1/me/favourites/{code}", handle_unfollow<Follow::favourite>, "取消收藏");
  add(V::get, "/api/v1/me/subscriptions", handle_followed<Follow::subscription>, "我的订阅（数据集有新版本发布时通知我）");
  add(V::put, "/api/v1/me/subscriptions/{code}", handle_follow<Follow::subscription>,
      "订阅数据集更新：发布新版本时在“我的消息”中通知（仅限已开放的数据集）");
  add(V::delete_, "/api/v1/me/subscriptions/{code}", handle_unfollow<Follow::subscription>, "取消订阅");
  add(V::get, "/api/v1/me/follow/{code}", handle_follow_state, "当前用户是否已收藏、已订阅该数据集");
}

}  // namespace kf::api
