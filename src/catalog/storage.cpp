#include "catalog/storage.h"

#include <fcntl.h>
#include <unistd.h>

#include <toml++/toml.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/clock.h"
#include "core/crypto.h"

namespace kf::catalog {

namespace fs = std::filesystem;

namespace {

// A name safe in a file and a TOML string: letters and digits only.
std::string new_deployment_name() {
  std::string t = core::random_token(15);
  std::string out = "kf-";
  for (char c : t) out += std::isalnum(static_cast<unsigned char>(c)) ? c : 'x';
  return out;
}

bool fsync_path(const fs::path& p, bool directory) {
  int fd = ::open(p.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

std::string marker_text(const StorageMarker& m) {
  toml::table t{{"deployment", m.deployment}, {"database", m.database}, {"claimed_at", m.claimed_at}};
  std::ostringstream out;
  out << "# 开放 Kaifang 存储目录标记 / storage folder marker — 请勿删除或修改 / do not delete or edit.\n"
         "# 本目录中的数据版本文件属于下面这个部署，只供它的数据库使用。另一个数据库请用 --storage 或\n"
         "# 配置项 [storage] dir 指定自己的存储目录（见 docs/deployment-guide.md）。\n"
         "# The dataset files here belong to the deployment below. Another database needs a folder of\n"
         "# its own: --storage or [storage] dir (docs/deployment-guide.md).\n"
      << t << "\n";
  return out.str();
}

}  // namespace

Result<std::string> deployment_id(db::Connection& c, std::int64_t now_ms) {
  KF_ASSIGN(auto rs, c.query("SELECT deployment_id FROM catalog_deployment WHERE id = 1"));
  if (!rs.rows.empty()) return rs.rows[0].text(0);
  // Two processes may get here together: the first insert wins, the other reads its name.
  KF_TRY(c.query("INSERT INTO catalog_deployment (id, deployment_id, created_at) VALUES (1, ?, ?) "
                 "ON CONFLICT (id) DO NOTHING",
                 {new_deployment_name(), now_ms}));
  KF_ASSIGN(rs, c.query("SELECT deployment_id FROM catalog_deployment WHERE id = 1"));
  if (rs.rows.empty()) return Error::internal("catalog_deployment: no row after insert");
  return rs.rows[0].text(0);
}

Result<std::optional<StorageMarker>> read_storage_marker(const std::string& dir) {
  fs::path p = fs::path(dir) / kStorageMarker;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(p, ec))) return std::optional<StorageMarker>{};
  auto unreadable = [&](const std::string& why) {
    Error e = Error::conflict("存储目录标记文件 " + p.string() + " 无法读取或已损坏，无法确认该目录属于哪个部署，"
                              "已停止以免误动其中的数据文件。请检查该文件（它应写明 deployment 与 database），"
                              "或用 --storage / 配置项 [storage] dir 改用另一个目录。");
    e.detail = why;
    return e;
  };
  std::ifstream in(p);
  if (!in) return unreadable(std::strerror(errno));
  std::stringstream text;
  text << in.rdbuf();
  toml::table t;
  try {
    t = toml::parse(text.str());
  } catch (const toml::parse_error& e) {
    return unreadable(std::string(e.description()));
  }
  StorageMarker m;
  m.deployment = t["deployment"].value_or(std::string());
  m.database = t["database"].value_or(std::string());
  m.claimed_at = t["claimed_at"].value_or(std::string());
  if (m.deployment.empty()) return unreadable("no deployment key");
  return std::optional<StorageMarker>(std::move(m));
}

Result<bool> write_storage_marker(const std::string& dir, const StorageMarker& m, bool replace) {
  fs::path final_path = fs::path(dir) / kStorageMarker;
  fs::path tmp = fs::path(dir) / (".kaifang-storage-" + new_deployment_name() + ".tmp");
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << marker_text(m);
    out.close();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      return Error::internal("cannot write storage marker in " + dir);
    }
  }
  fsync_path(tmp, false);
  bool written = true;
  if (replace) {
    if (::rename(tmp.c_str(), final_path.c_str()) != 0) {
      std::string why = std::strerror(errno);
      ::unlink(tmp.c_str());
      return Error::internal("cannot replace storage marker in " + dir + ": " + why);
    }
  } else {
    // link() fails when the name exists: of several processes claiming one folder, one wins.
    if (::link(tmp.c_str(), final_path.c_str()) != 0) {
      int err = errno;
      ::unlink(tmp.c_str());
      if (err != EEXIST) return Error::internal("cannot create storage marker in " + dir + ": " + std::strerror(err));
      written = false;
    } else {
      ::unlink(tmp.c_str());
    }
  }
  fsync_path(dir, true);
  return written;
}

std::string database_label(const std::string& db_url) {
  if (db_url.starts_with("sqlite:")) {
    std::string path = db_url.substr(7);
    if (path.empty() || path == ":memory:") return db_url;
    std::error_code ec;
    fs::path abs = fs::absolute(path, ec);
    return "sqlite:" + (ec ? path : abs.lexically_normal().string());
  }
  auto scheme_end = db_url.find("://");
  if (scheme_end == std::string::npos) return "(database)";
  std::string out = db_url.substr(0, scheme_end + 3);
  std::string rest = db_url.substr(scheme_end + 3);
  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest.resize(q);
  }
  auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  std::string path = slash == std::string::npos ? "" : rest.substr(slash);
  if (auto at = authority.rfind('@'); at != std::string::npos) {
    std::string user = authority.substr(0, at);
    if (auto colon = user.find(':'); colon != std::string::npos) user.resize(colon);
    authority = user + authority.substr(at);
  }
  out += authority + path;
  std::string kept;
  std::size_t pos = 0;
  while (pos <= query.size() && !query.empty()) {
    auto amp = query.find('&', pos);
    std::string param = query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
    if (!param.empty() && !param.starts_with("password=")) kept += (kept.empty() ? "" : "&") + param;
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  if (!kept.empty()) out += "?" + kept;
  return out;
}

Result<OrphanMove> move_orphans(const std::string& dir, const std::vector<std::string>& names,
                                std::int64_t now_ms) {
  OrphanMove out;
  if (names.empty()) return out;
  fs::path target = fs::path(dir) / kOrphansFolder / core::china_iso8601(now_ms).substr(0, 10);
  std::error_code ec;
  fs::create_directories(target, ec);
  if (ec) return Error::internal("cannot create " + target.string() + ": " + ec.message());
  for (const auto& name : names) {
    if (name.empty() || name.find('/') != std::string::npos) continue;
    fs::path to = target / name;
    for (int n = 1; fs::exists(fs::symlink_status(to, ec)); ++n) to = target / (name + "." + std::to_string(n));
    fs::rename(fs::path(dir) / name, to, ec);
    if (ec) {
      if (out.failure.empty()) out.failure = name + ": " + ec.message();
      ++out.failed;
      continue;
    }
    ++out.moved;
  }
  if (out.moved > 0) {
    fsync_path(target, true);
    fsync_path(dir, true);
    out.folder = target.string();
  }
  return out;
}

}  // namespace kf::catalog
