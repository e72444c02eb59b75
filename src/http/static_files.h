// Serves the single-page web app from a web root. Only files under the root are served;
// paths that are not files fall back to index.html so that bookmarked app routes work.
// A file with a precompressed sibling (FILE.br, FILE.gz, written by the web build) is sent
// compressed to clients that accept that encoding (Content-Encoding, Vary: Accept-Encoding).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "http/request.h"

namespace kf::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);
  bool enabled() const { return !root_.empty(); }
  Response serve(const Request& req) const;

  // Rewrites index.html before it is sent (the deployment's title and brand); called for every
  // answer that is index.html, from worker threads at once, so it must be thread-safe. Set
  // before the server starts.
  using IndexFilter = std::function<std::string(std::string_view html)>;
  void set_index_filter(IndexFilter f) { index_filter_ = std::move(f); }

 private:
  std::filesystem::path root_;
  IndexFilter index_filter_;
};

}  // namespace kf::http
