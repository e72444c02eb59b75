// Ingestion (PUB-1, PUB-2): read the upload, validate every row against the dictionary, write
// the accepted rows into a new version, report the rest. Memory stays constant: rows stream
// from the reader to the version writer; only counters and the first errors are kept.
#include <fmt/format.h>
#include <openssl/evp.h>

#include <cstdio>
#include <fstream>

#include "catalog/service.h"
#include "ingest/infer.h"
#include "ingest/reader.h"
#include "ingest/reject_writer.h"
#include "ingest/validator.h"
#include "ingest/values.h"

namespace kf::catalog {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxReportedErrors = 1000;

Result<std::string> sha256_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::invalid("无法读取上传的文件");
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  std::vector<char> buf(1 << 20);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<std::size_t>(in.gcount()));
  }
  unsigned char md[32];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx.get(), md, &len);
  std::string hex;
  for (unsigned i = 0; i < len; ++i) hex += fmt::format("{:02x}", md[i]);
  return hex;
}

// A validated, normalised value (ingest/values.h) in its stored form.
db::Value stored_value(const core::Field& f, std::optional<std::string>& v) {
  if (!v || v->empty()) return db::null();
  switch (f.type) {
    case core::FieldType::integer: return static_cast<std::int64_t>(std::strtoll(v->c_str(), nullptr, 10));
    case core::FieldType::decimal: return std::strtod(v->c_str(), nullptr);
    case core::FieldType::boolean: return std::int64_t{*v == "true" ? 1 : 0};
    default: return std::move(*v);
  }
}

}  // namespace

Result<ImportResult> CatalogService::import(const Actor& a, const std::string& code, const ImportRequest& req,
                                            ImportProgress& p) {
  KF_ASSIGN(Entry e, get(&a, code));
  KF_TRY(check_can_edit(a, e));
  if (req.publish && !a.is("admin") && !a.is("authority")) {
    return Error::denied("只有主管部门或管理员可以直接发布数据");
  }
  KF_ASSIGN(auto format, ingest::format_from_name(req.source_name.empty() ? req.path : req.source_name));
  KF_ASSIGN(std::string sha, sha256_file(req.path));
  ingest::ReaderOptions ro;
  ro.format = format;
  ro.sheet = req.sheet;
  KF_ASSIGN(auto reader, ingest::open_reader(req.path, ro));
  p.total_bytes = reader->total_bytes();
  p.started_ms = clock_.now_ms();

  ImportResult out;
  out.report = {{"mode", req.quarantine ? "quarantine" : "reject"}, {"sha256", sha}, {"source_name", req.source_name}};
  // What the reader found out about the file; final only after the last row (a file that
  // starts in ASCII may turn out to be GB18030).
  auto describe_source = [&] {
    auto info = reader->info();
    out.report["format"] = info.format;
    out.report["encoding"] = info.encoding;
    out.report["delimiter"] = info.delimiter;
    out.report["sheet"] = info.sheet;
    return info;
  };
  ingest::Record rec;

  if (e.meta.fields.empty()) {
    // No dictionary yet: propose one from the data; nothing is stored.
    ingest::TypeInferer inferer;
    ProposalGrader grader(reader->header());
    while (true) {
      KF_ASSIGN(bool more, reader->next(rec));
      if (!more) break;
      inferer.add(rec);
      grader.add(rec);
      ++p.rows_read;
      p.bytes_read = reader->bytes_read();
    }
    describe_source();
    out.state = "proposed";
    out.message = "该目录尚无数据字典：已根据文件推断出字典。核对（可修改）后点“采用并导入”，平台即用本次上传的文件导入，无需再次上传";
    out.proposed_fields = inferer.propose(reader->header());
    // Columns the detectors recognise as personal data: graded sensitive, with rule and pattern.
    grader.apply(*out.proposed_fields);
    out.report["rows_read"] = p.rows_read.load();
    out.report["accepted"] = 0;
    out.report["rejected"] = 0;
    out.report["errors"] = json::array{};
    json::array notes;  // e.g. the one bad value of a date column: its row, never its content
    for (const auto& n : inferer.notes(reader->header())) {
      notes.push_back({{"column", n.column}, {"row", n.row}, {"message", n.message}});
    }
    out.report["inference_notes"] = std::move(notes);
    return out;
  }

  const auto& fields = e.meta.fields;
  KF_ASSIGN(auto validator, ingest::RowValidator::create(fields, reader->header()));
  // Columns are matched to fields by the validator (by name, then by Chinese label).
  std::vector<int> source_index(fields.size(), -1);
  const auto& column_fields = validator.column_fields();
  for (std::size_t k = 0; k < column_fields.size(); ++k) source_index[column_fields[k]] = static_cast<int>(k);
  std::vector<db::BulkColumn> columns;
  for (std::size_t i = 0; i < fields.size(); ++i) columns.push_back({physical_column(i), storage_type(fields[i].type)});
  KF_ASSIGN(auto writer, store_->begin(columns));
  std::optional<ingest::RejectWriter> rejects;
  if (!req.rejected_csv.empty()) rejects.emplace(req.rejected_csv, reader->header());

  json::array errors;
  bool writing = true;
  std::vector<db::Value> row(fields.size());
  std::int64_t rows = 0, accepted = 0, rejected = 0;
  while (true) {
    KF_ASSIGN(bool more, reader->next(rec));
    if (!more) break;
    ++rows;
    auto violations = validator.check_and_normalize(rec);
    if (!violations.empty()) {
      ++rejected;
      if (rejects) rejects->add(rec, violations);
      for (const auto& v : violations) {
        if (errors.size() < kMaxReportedErrors) {
          errors.push_back({{"row", reader->record_number()}, {"column", v.column}, {"reason", v.reason}});
        }
      }
      writing = writing && req.quarantine;
    } else {
      ++accepted;
      if (writing) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
          int k = source_index[i];
          row[i] = k >= 0 && static_cast<std::size_t>(k) < rec.size() ? stored_value(fields[i], rec[static_cast<std::size_t>(k)])
                                                                     : db::null();
        }
        KF_TRY(writer->append(row));
      }
    }
    if ((rows & 1023) == 0) {
      p.rows_read = rows;
      p.accepted = accepted;
      p.rejected = rejected;
      p.bytes_read = reader->bytes_read();
    }
  }
  p.rows_read = rows;
  p.accepted = accepted;
  p.rejected = rejected;
  p.bytes_read = reader->bytes_read();
  auto info = describe_source();
  if (rejects) KF_TRY(rejects->close());
  out.report["rows_read"] = rows;
  out.report["accepted"] = accepted;
  out.report["rejected"] = rejected;
  out.report["errors"] = errors;

  if (rejected > 0 && !req.quarantine) {
    out.state = "rejected";
    out.message = fmt::format("有 {} 行未通过校验，按“拒绝整个文件”方式处理，未生成新版本", rejected);
    return out;  // the writer is dropped: nothing becomes visible
  }
  if (accepted == 0) {
    out.state = "rejected";
    out.message = "文件中没有可接受的数据行，未生成新版本";
    return out;
  }
  json::array cols;
  std::vector<std::string> key_columns;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    cols.push_back(field_to_json(fields[i]));
    if (fields[i].key) key_columns.push_back(physical_column(i));
  }
  std::string report_text = json::serialize(out.report);
  std::int64_t now = clock_.now_ms();
  KF_ASSIGN(std::int64_t version_id,
            writer->commit([&](db::Connection& c, const std::string& storage) -> Result<std::int64_t> {
              if (req.fence) KF_TRY(req.fence(c));
              KF_ASSIGN(auto n, c.query("SELECT COALESCE(MAX(number), 0) + 1 FROM dataset_versions WHERE entry_id = ?",
                                        {e.id}));
              KF_ASSIGN(auto rs, c.query("INSERT INTO dataset_versions (entry_id, number, state, row_count, "
                                         "rejected_count, columns, sha256, encoding, format, source_name, storage, "
                                         "report, created_at, created_by) VALUES (?, ?, 'ready', ?, ?, ?, ?, ?, ?, ?, "
                                         "?, ?, ?, ?) RETURNING id",
                                         {e.id, n.rows.at(0).int64(0), accepted, rejected, json::serialize(cols), sha,
                                          info.encoding, info.format, req.source_name, storage, report_text, now,
                                          a.username}));
              return rs.rows.at(0).int64(0);
            },
                           key_columns));
  out.version_id = version_id;
  out.state = "succeeded";
  out.message = rejected ? fmt::format("已生成新版本，{} 行有效，{} 行被隔离", accepted, rejected)
                         : fmt::format("已生成新版本，共 {} 行", accepted);
  if (req.publish) KF_TRY(set_state(a, code, "publish", "发布新数据版本", version_id));
  return out;
}

}  // namespace kf::catalog
