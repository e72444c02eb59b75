// Downloads of published data: GET /api/v1/datasets/{code}/download?format=csv|json|xlsx&bom=1.
#include "api/handlers.h"
#include "serve/export.h"

#include <spdlog/spdlog.h>

namespace kf::api {

using bh = http::bh::status;

namespace {

class ExportChunks final : public http::ChunkSource {
 public:
  explicit ExportChunks(std::unique_ptr<serve::ExportStream> s) : s_(std::move(s)) {}
  Result<bool> next(std::string& chunk) override { return s_->next(chunk); }

 private:
  std::unique_ptr<serve::ExportStream> s_;
};

const char* format_name(serve::ExportFormat f) {
  return f == serve::ExportFormat::csv ? "csv" : f == serve::ExportFormat::json ? "json" : "xlsx";
}

}  // namespace

Response handle_download(ApiContext& ctx, Request& req) {
  if (auto refused = check_key_limits(ctx, req)) return *refused;
  auto f = req.query.find("format");
  KF_HTTP_ASSIGN(auto format, serve::parse_export_format(f == req.query.end() ? "" : f->second));
  auto b = req.query.find("bom");
  bool bom = b != req.query.end() && (b->second == "1" || b->second == "true");
  const access::Channel channel = format == serve::ExportFormat::csv    ? access::Channel::download_csv
                                  : format == serve::ExportFormat::json ? access::Channel::download_json
                                                                        : access::Channel::download_xlsx;
  KF_HTTP_ASSIGN(DataRead read, decide_read(ctx, req, req.params["code"], channel));
  auto actor = actor_of(req);
  KF_HTTP_ASSIGN(auto exported, serve::open_export(ctx.catalog, actor ? &*actor : nullptr, req.params["code"],
                                                   read.permit(), format, bom,
                                                   ctx.catalog.config().work_dir + "/exports"));
  // The published version decides the ETag: an unchanged dataset need not be sent again.
  if (req.header("If-None-Match") == exported.etag) {
    Response res = http::empty_response(bh::not_modified);
    res.set(http::bh::field::etag, exported.etag);
    mark_decision(res, read);
    return res;
  }
  // A signed-in caller's download goes into the user centre's history (an API key counts for
  // its owner); anonymous downloads are not recorded. The record names the entry, version,
  // format and row count, never data values.
  if (req.principal) {
    auto recorded = ctx.usercentre.record_download(req.principal->user_id, req.params["code"], exported.entry_name,
                                                   exported.version_id, format_name(format),
                                                   exported.rows);
    if (!recorded) spdlog::warn("could not record a download in the history: {}", recorded.error().detail);
  }
  Response res{bh::ok, 11};
  res.set(http::bh::field::content_type, exported.content_type);
  res.set(http::bh::field::content_disposition, serve::content_disposition(exported.file_name));
  res.set(http::bh::field::etag, exported.etag);
  res.set("X-Row-Count", std::to_string(exported.rows));
  mark_decision(res, read);
  // Bytes are not known before the stream ends: a download counts its rows.
  record_key_usage(ctx, req, req.params["code"], exported.rows, 0);
  record_grant_use(ctx, req, read, exported.rows, 0);
  req.stream = std::make_shared<ExportChunks>(std::move(exported.stream));
  return res;
}

}  // namespace kf::api
