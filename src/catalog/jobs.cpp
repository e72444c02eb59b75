#include "catalog/jobs.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.h"

namespace kf::catalog {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

constexpr const char* kEntryOfJob = "SELECT code, provider_id FROM catalog_entries WHERE id = ?";
constexpr int kMaxAttempts = 3;  // a job whose process died three times is given up

json::object actor_to_json(const Actor& a) {
  json::array roles, orgs;
  for (const auto& r : a.roles) roles.emplace_back(r);
  for (auto o : a.org_ids) orgs.emplace_back(o);
  return {{"user_id", a.user_id}, {"username", a.username}, {"roles", roles}, {"org_ids", orgs}};
}

std::string text_of(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
std::int64_t int_of(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_int64() ? v->as_int64() : v && v->is_uint64() ? static_cast<std::int64_t>(v->as_uint64()) : 0;
}
bool bool_of(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_bool() && v->as_bool();
}

Actor actor_from_json(const json::object& o) {
  Actor a;
  a.user_id = int_of(o, "user_id");
  a.username = text_of(o, "username");
  if (const auto* r = o.if_contains("roles"); r && r->is_array()) {
    for (const auto& v : r->as_array()) {
      if (v.is_string()) a.roles.emplace_back(v.as_string());
    }
  }
  if (const auto* g = o.if_contains("org_ids"); g && g->is_array()) {
    for (const auto& v : g->as_array()) {
      if (v.is_int64()) a.org_ids.push_back(v.as_int64());
    }
  }
  return a;
}

const json::object& object_of(const json::object& o, const char* key) {
  static const json::object empty;
  const auto* v = o.if_contains(key);
  return v && v->is_object() ? v->as_object() : empty;
}

}  // namespace

IngestJobs::IngestJobs(CatalogService& catalog, db::Pool& pool, const core::Clock& clock, jobs::JobRunner& runner)
    : catalog_(catalog), pool_(pool), clock_(clock), runner_(runner) {
  std::error_code ec;
  fs::create_directories(fs::path(catalog_.config().work_dir) / "jobs", ec);
  runner_.register_kind(
      kKind, [this](jobs::JobContext& ctx) { return run(ctx); }, [this](const jobs::Job& job) { cleanup(job); });
  sweep_proposals();
}

std::string IngestJobs::rejected_path(std::int64_t id) const {
  return (fs::path(catalog_.config().work_dir) / "jobs" / (std::to_string(id) + "-rejected.csv")).string();
}

std::string IngestJobs::proposal_path(std::int64_t id) const {
  return (fs::path(catalog_.config().work_dir) / "jobs" / ("proposal-" + std::to_string(id))).string();
}

void IngestJobs::sweep_proposals() {
  // Kept files age on the wall clock of the file system, like the files themselves.
  const auto limit = fs::file_time_type::clock::now() - std::chrono::milliseconds(kProposalKeepMs);
  std::error_code ec;
  for (fs::directory_iterator it(fs::path(catalog_.config().work_dir) / "jobs", ec), end; !ec && it != end;
       it.increment(ec)) {
    if (!it->path().filename().string().starts_with("proposal-")) continue;
    std::error_code e2;
    if (it->last_write_time(e2) < limit && !e2) fs::remove(it->path(), e2);
  }
}

// A fresh name in the work directory for an upload (any process may claim its job at once).
static std::string fresh_upload_name() {
  std::string name = "jobs/upload-" + core::random_token(12);
  for (auto& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '-') c = 'x';
  }
  return name;
}

Result<json::object> IngestJobs::submit(const Actor& a, const std::string& code, ImportRequest req) {
  KF_ASSIGN(Entry e, catalog_.get(&a, code));
  if (!(a.is("admin") || (a.is("provider") && a.member_of(e.provider_id)))) {
    return Error::denied("只有本单位的数据提供方人员可以上传数据");
  }
  sweep_proposals();
  // The file moves into the shared work directory under a name of its own before the job
  // exists: any process may claim the job the moment it is queued.
  const std::string name = fresh_upload_name();
  fs::path kept = fs::path(catalog_.config().work_dir) / name;
  std::error_code ec;
  fs::rename(req.path, kept, ec);
  if (ec) {  // another file system: copy instead
    fs::copy_file(req.path, kept, fs::copy_options::overwrite_existing, ec);
    if (ec) return Error::internal("cannot keep upload: " + ec.message());
  }
  jobs::NewJob job;
  job.kind = kKind;
  job.created_by = a.user_id;
  job.max_attempts = kMaxAttempts;
  job.payload = {{"entry_id", e.id},       {"entry_code", code},         {"actor", actor_to_json(a)},
                 {"upload", name},         {"source_name", req.source_name}, {"sheet", req.sheet},
                 {"quarantine", req.quarantine}, {"publish", req.publish}};
  auto id = runner_.submit(job);
  if (!id) {
    fs::remove(kept, ec);
    return id.error();
  }
  return get(a, *id);
}

Result<json::object> IngestJobs::run(jobs::JobContext& ctx) {
  const auto& p = ctx.payload();
  Actor a = actor_from_json(object_of(p, "actor"));
  std::string code = text_of(p, "entry_code");
  ImportRequest req;
  req.path = (fs::path(catalog_.config().work_dir) / text_of(p, "upload")).string();
  req.source_name = text_of(p, "source_name");
  req.sheet = text_of(p, "sheet");
  req.quarantine = bool_of(p, "quarantine");
  req.publish = bool_of(p, "publish");
  req.rejected_csv = rejected_path(ctx.id());  // a retry writes it again from the start
  req.fence = [&ctx](db::Connection& c) { return ctx.fence(c); };
  auto progress = std::make_shared<ImportProgress>();
  ctx.set_progress_source([progress] {
    return json::object{{"rows_read", progress->rows_read.load()},   {"accepted", progress->accepted.load()},
                        {"rejected", progress->rejected.load()},     {"bytes_read", progress->bytes_read.load()},
                        {"total_bytes", progress->total_bytes.load()}, {"started_ms", progress->started_ms.load()}};
  });
  KF_ASSIGN(ImportResult result, catalog_.import(a, code, req, *progress));
  if (result.state == "proposed") keep_for_adoption(req.path, ctx.id());
  json::object report = result.report;
  if (result.proposed_fields) {
    json::array fields;
    for (const auto& f : *result.proposed_fields) fields.push_back(field_to_json(f));
    report["proposed_fields"] = fields;
  }
  return json::object{{"state", result.state},
                      {"message", result.message},
                      {"version_id", result.version_id ? json::value(*result.version_id) : json::value(nullptr)},
                      {"report", report}};
}

void IngestJobs::keep_for_adoption(const std::string& upload, std::int64_t id) {
  // A second name for the same file, made before the outcome is visible (so "adoptable" is true
  // as soon as the proposal is), and again by a retried attempt; the upload itself goes with the
  // job's cleanup as always. Kept for adopt(); swept after kProposalKeepMs.
  const std::string kept = proposal_path(id);
  std::error_code ec;
  fs::remove(kept, ec);
  fs::create_hard_link(upload, kept, ec);
  if (ec) fs::copy_file(upload, kept, fs::copy_options::overwrite_existing, ec);
  if (ec) spdlog::warn("{{\"event\":\"proposal_not_kept\",\"job\":{}}}", id);
}

void IngestJobs::cleanup(const jobs::Job& job) {
  std::string upload = text_of(job.payload, "upload");
  if (upload.empty() || upload.find("..") != std::string::npos) return;
  std::error_code ec;
  fs::remove(fs::path(catalog_.config().work_dir) / upload, ec);
}

Result<json::object> IngestJobs::adopt(const Actor& a, std::int64_t id, std::vector<core::Field> fields,
                                       const std::string& reason, std::optional<bool> quarantine) {
  std::string code;
  KF_ASSIGN(jobs::Job job, visible_job(a, id, code));
  KF_ASSIGN(Entry e, catalog_.get(&a, code));
  if (!(a.is("admin") || (a.is("provider") && a.member_of(e.provider_id)))) {
    return Error::denied("只有本单位的数据提供方人员可以采用字典并导入");
  }
  auto gone = [] {
    Error err = Error::conflict("推断字典所用的文件已不在（已采用，或已超过 24 小时），请重新上传");
    err.slug = "proposal_gone";
    return err;
  };
  if (job.state != "succeeded" || !job.result || text_of(*job.result, "state") != "proposed") return gone();
  sweep_proposals();  // an expired proposal is gone even if no upload has swept it yet
  // Claim the kept file first: of two adoptions of one proposal, one finds it.
  const std::string name = fresh_upload_name();
  const fs::path claimed = fs::path(catalog_.config().work_dir) / name;
  std::error_code ec;
  fs::rename(proposal_path(id), claimed, ec);
  if (ec) return gone();
  auto put_back = [&] {
    std::error_code e2;
    fs::rename(claimed, proposal_path(id), e2);
  };
  if (auto saved = catalog_.update_dictionary(a, code, std::move(fields), reason); !saved) {
    put_back();
    return saved.error();
  }
  ImportRequest req;
  req.path = claimed.string();
  req.source_name = text_of(job.payload, "source_name");
  req.sheet = text_of(job.payload, "sheet");
  req.quarantine = quarantine.value_or(bool_of(job.payload, "quarantine"));
  auto next = submit(a, code, std::move(req));
  if (!next) put_back();  // the dictionary stays saved; the file can be adopted again
  return next;
}

Result<jobs::Job> IngestJobs::visible_job(const Actor& a, std::int64_t id, std::string& entry_code) {
  auto job = runner_.get(id);
  if (!job || job->kind != kKind) return Error::not_found("导入任务不存在");
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query(kEntryOfJob, {int_of(job->payload, "entry_id")}));
  if (rs.rows.empty()) return Error::not_found("导入任务不存在");
  entry_code = rs.rows[0].text(0);
  bool ok = a.is("admin") || a.is("authority") || (job->created_by && *job->created_by == a.user_id) ||
            a.member_of(rs.rows[0].int64(1));
  if (!ok) return Error::not_found("导入任务不存在");
  return std::move(*job);
}

Result<json::object> IngestJobs::get(const Actor& a, std::int64_t id) {
  std::string code;
  KF_ASSIGN(jobs::Job job, visible_job(a, id, code));
  bool finished = job.state != "queued" && job.state != "running";
  json::object o{{"id", id}, {"entry_code", code}, {"state", job.state}, {"message", ""}, {"version_id", nullptr}};
  json::object report;
  bool has_report = false;
  if (job.state == "succeeded" && job.result) {
    const auto& r = *job.result;
    o["state"] = text_of(r, "state");
    o["message"] = text_of(r, "message");
    if (const auto* v = r.if_contains("version_id")) o["version_id"] = *v;
    report = object_of(r, "report");
    has_report = true;
  } else if (job.state == "failed") {
    o["message"] = job.error;
    has_report = true;  // an empty report, as before
  }
  const json::object live = job.progress.value_or(json::object{});
  const json::object& counters = finished ? report : live;
  std::int64_t rows = int_of(counters, "rows_read");
  std::int64_t bytes = int_of(live, "bytes_read"), total = int_of(live, "total_bytes");
  std::int64_t started = int_of(live, "started_ms");
  o["rows_read"] = rows;
  o["accepted"] = int_of(counters, "accepted");
  o["rejected"] = int_of(counters, "rejected");
  o["bytes_read"] = finished ? json::value(nullptr) : json::value(bytes);
  o["total_bytes"] = finished ? json::value(nullptr) : json::value(total);
  o["percent"] = finished ? 100.0 : total ? 100.0 * static_cast<double>(bytes) / static_cast<double>(total) : 0.0;
  double secs = !finished && started ? static_cast<double>(clock_.now_ms() - started) / 1000.0 : 0;
  o["rows_per_s"] = secs > 0 ? static_cast<double>(rows) / secs : 0.0;
  o["report"] = finished && has_report ? json::value(report) : json::value(nullptr);
  o["proposed_fields"] = report.contains("proposed_fields") ? report["proposed_fields"] : json::value(nullptr);
  // "Adopt and import" is possible while the proposal's file is kept.
  std::error_code ec;
  o["adoptable"] = o["state"] == "proposed" && fs::exists(proposal_path(id), ec);
  return o;
}

Result<std::string> IngestJobs::rejected_csv(const Actor& a, std::int64_t id) {
  std::string code;
  KF_TRY(visible_job(a, id, code));
  std::ifstream in(rejected_path(id), std::ios::binary);
  if (!in) return Error::not_found("该任务没有被拒绝的数据行");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace kf::catalog
