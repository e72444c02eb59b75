#include "catalog/jobs.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/log.h"

namespace kf::catalog {

namespace fs = std::filesystem;
namespace json = boost::json;

IngestJobs::IngestJobs(CatalogService& catalog, db::Pool& pool, const core::Clock& clock, int threads)
    : catalog_(catalog), pool_(pool), clock_(clock), threads_(static_cast<std::size_t>(threads)) {
  std::error_code ec;
  fs::create_directories(fs::path(catalog_.config().work_dir) / "jobs", ec);
  if (auto c = pool_.acquire()) {
    auto r = (*c)->query("UPDATE ingest_jobs SET state = 'failed', message = ?, finished_at = ? "
                         "WHERE state IN ('queued', 'running')",
                         {std::string("服务重启，导入已中断，请重新上传"), clock_.now_ms()});
    if (!r) spdlog::warn("could not close interrupted ingest jobs: {}", r.error().detail);
  }
  if (auto swept = catalog_.store().sweep(); swept && *swept > 0) {
    spdlog::info("removed {} leftover dataset files of interrupted ingests", *swept);
  }
}

IngestJobs::~IngestJobs() { threads_.join(); }

void IngestJobs::drain() {
  while (true) {
    {
      std::lock_guard lock(mu_);
      bool busy = false;
      for (const auto& [id, live] : live_) busy = busy || live->state == "queued" || live->state == "running";
      if (!busy) return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string IngestJobs::rejected_path(std::int64_t id) const {
  return (fs::path(catalog_.config().work_dir) / "jobs" / (std::to_string(id) + "-rejected.csv")).string();
}

Result<json::object> IngestJobs::submit(const Actor& a, const std::string& code, ImportRequest req) {
  KF_ASSIGN(Entry e, catalog_.get(&a, code));
  if (!(a.is("admin") || (a.is("provider") && a.member_of(e.provider_id)))) {
    return Error::denied("只有本单位的数据提供方人员可以上传数据");
  }
  std::int64_t id = 0;
  {
    KF_ASSIGN(auto c, pool_.acquire());
    KF_ASSIGN(auto rs, c->query("INSERT INTO ingest_jobs (entry_id, state, created_by, created_at, mode, source_name) "
                                "VALUES (?, 'queued', ?, ?, ?, ?) RETURNING id",
                                {e.id, a.user_id, clock_.now_ms(), std::string(req.quarantine ? "quarantine" : "reject"),
                                 req.source_name}));
    id = rs.rows.at(0).int64(0);
  }
  fs::path kept = fs::path(catalog_.config().work_dir) / "jobs" / (std::to_string(id) + "-upload");
  std::error_code ec;
  fs::rename(req.path, kept, ec);
  if (ec) {  // another file system: copy instead
    fs::copy_file(req.path, kept, fs::copy_options::overwrite_existing, ec);
    if (ec) return Error::internal("cannot keep upload: " + ec.message());
  }
  req.path = kept.string();
  req.rejected_csv = rejected_path(id);
  auto live = std::make_shared<Live>();
  {
    std::lock_guard lock(mu_);
    live_[id] = live;
  }
  boost::asio::post(threads_, [this, id, a, code, req, live] { run(id, a, code, req, live); });
  return get(a, id);
}

void IngestJobs::run(std::int64_t id, Actor a, std::string code, ImportRequest req, std::shared_ptr<Live> live) {
  {
    std::lock_guard lock(mu_);
    live->state = "running";
  }
  if (auto c = pool_.acquire()) (void)(*c)->query("UPDATE ingest_jobs SET state = 'running' WHERE id = ?", {id});
  auto result = catalog_.import(a, code, req, live->progress);
  std::string state, message;
  db::Value version = db::null();
  std::string report = "{}";
  if (result) {
    state = result->state;
    message = result->message;
    if (result->version_id) version = *result->version_id;
    json::object r = result->report;
    if (result->proposed_fields) {
      json::array fields;
      for (const auto& f : *result->proposed_fields) fields.push_back(field_to_json(f));
      r["proposed_fields"] = fields;
    }
    report = json::serialize(r);
  } else {
    state = "failed";
    message = result.error().message;
    if (!result.error().detail.empty()) {
      spdlog::warn("{{\"event\":\"ingest_failed\",\"job\":{},\"detail\":\"{}\"}}", id,
                   core::json_escape(result.error().detail));
    }
  }
  std::error_code ec;
  fs::remove(req.path, ec);
  if (auto c = pool_.acquire()) {
    auto r = (*c)->query("UPDATE ingest_jobs SET state = ?, message = ?, version_id = ?, report = ?, finished_at = ? "
                         "WHERE id = ?",
                         {state, message, version, report, clock_.now_ms(), id});
    if (!r) spdlog::error("could not record ingest job {}: {}", id, r.error().detail);
  }
  std::lock_guard lock(mu_);
  live->state = state;
  live_.erase(id);
}

Result<void> IngestJobs::check_visible(const Actor& a, std::int64_t id, std::string& entry_code) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query("SELECT e.code, j.created_by, e.provider_id FROM ingest_jobs j "
                              "JOIN catalog_entries e ON e.id = j.entry_id WHERE j.id = ?",
                              {id}));
  if (rs.rows.empty()) return Error::not_found("导入任务不存在");
  entry_code = rs.rows[0].text(0);
  bool ok = a.is("admin") || a.is("authority") || rs.rows[0].int64(1) == a.user_id || a.member_of(rs.rows[0].int64(2));
  if (!ok) return Error::not_found("导入任务不存在");
  return kf::ok();
}

Result<json::object> IngestJobs::get(const Actor& a, std::int64_t id) {
  std::string code;
  KF_TRY(check_visible(a, id, code));
  // The live record is looked at before the row is read: run() records the outcome in the row
  // before it drops the live record, so a job seen finished here has its final row.
  std::shared_ptr<Live> live;
  std::string live_state;
  {
    std::lock_guard lock(mu_);
    if (auto it = live_.find(id); it != live_.end()) {
      live = it->second;
      live_state = live->state;
    }
  }
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query("SELECT state, message, version_id, report FROM ingest_jobs WHERE id = ?", {id}));
  const auto& r = rs.rows.at(0);
  json::object o{{"id", id}, {"entry_code", code}, {"state", r.text(0)}, {"message", r.text(1)},
                 {"version_id", r.is_null(2) ? json::value(nullptr) : json::value(r.int64(2))}};
  json::object report;
  if (!r.is_null(3)) report = json::parse(r.text(3)).as_object();
  auto num = [&](const char* k) -> std::int64_t {
    const auto* v = report.if_contains(k);
    return v && v->is_int64() ? v->as_int64() : 0;
  };
  std::int64_t rows = live ? live->progress.rows_read.load() : num("rows_read");
  std::uint64_t bytes = live ? live->progress.bytes_read.load() : 0;
  std::uint64_t total = live ? live->progress.total_bytes.load() : 0;
  bool finished = !live;
  if (live) {
    o["state"] = live_state;
    o["version_id"] = nullptr;
  }
  o["rows_read"] = rows;
  o["accepted"] = live ? live->progress.accepted.load() : num("accepted");
  o["rejected"] = live ? live->progress.rejected.load() : num("rejected");
  o["bytes_read"] = finished ? json::value(nullptr) : json::value(bytes);
  o["total_bytes"] = finished ? json::value(nullptr) : json::value(total);
  o["percent"] = finished ? 100.0 : total ? 100.0 * static_cast<double>(bytes) / static_cast<double>(total) : 0.0;
  double secs = live && live->progress.started_ms ? (clock_.now_ms() - live->progress.started_ms) / 1000.0 : 0;
  o["rows_per_s"] = secs > 0 ? static_cast<double>(rows) / secs : 0.0;
  o["report"] = finished && !r.is_null(3) ? json::value(report) : json::value(nullptr);
  o["proposed_fields"] = report.contains("proposed_fields") ? report["proposed_fields"] : json::value(nullptr);
  return o;
}

Result<std::string> IngestJobs::rejected_csv(const Actor& a, std::int64_t id) {
  std::string code;
  KF_TRY(check_visible(a, id, code));
  std::ifstream in(rejected_path(id), std::ios::binary);
  if (!in) return Error::not_found("该任务没有被拒绝的数据行");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace kf::catalog
