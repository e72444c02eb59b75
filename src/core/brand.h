// The deployment's brand (issue 12 item 7): the [brand] configuration checked, its region named
// from the GB/T 2260 table and its logo read into memory, ready for the portal (GET /api/v1/site,
// the page served at "/"), e-mails and SMS.
#pragma once

#include <string>
#include <string_view>

#include "core/config.h"
#include "core/error.h"
#include "core/regions.h"

namespace kf::core {

// WCAG 2.x contrast ratio (1–21) of two colours given as "#rrggbb"; 0 when either is malformed.
double contrast_ratio(std::string_view hex_a, std::string_view hex_b);

// Checks what can be checked without files: names present and at most 60 characters, colours
// "#rrggbb" with at least 4.5:1 against white text, the e-mail address and URLs in shape, the
// region code 6 digits. invalid_argument names the key ("brand.colors.primary …").
Result<void> check_brand(const BrandConfig& b);

struct Brand {
  BrandConfig config;
  std::string region_name;  // e.g. 潍坊市; empty without brand.region
  std::string logo;         // the logo file's bytes; empty: no logo
  std::string logo_type;    // image/svg+xml | image/png
  std::string logo_etag;    // quoted, changes with the bytes
};

// The largest logo accepted (it is sent with every first page view).
inline constexpr std::size_t kMaxLogoBytes = 256 * 1024;

// Resolves `cfg`: the region must be in `regions`, the logo (relative paths under `data_dir`) must
// be a readable .svg or .png of at most kMaxLogoBytes whose content matches its extension.
// invalid_argument names the key and, for the logo, the path (a deployment file, not user data).
Result<Brand> load_brand(const BrandConfig& cfg, const std::string& data_dir, const RegionTable& regions);

}  // namespace kf::core
