// Serves the single-page web app from a web root. Only files under the root are served;
// paths that are not files fall back to index.html so that bookmarked app routes work.
#pragma once

#include <filesystem>
#include <string>

#include "http/request.h"

namespace kf::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);
  bool enabled() const { return !root_.empty(); }
  Response serve(const Request& req) const;

 private:
  std::filesystem::path root_;
};

}  // namespace kf::http
