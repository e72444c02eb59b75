#include "apply/agreement_pdf.h"

#include <cairo-pdf.h>
#include <fmt/format.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <chrono>
#include <memory>
#include <sstream>
#include <vector>

namespace kf::apply {

namespace {

// A4 in points, with margins of about 2 cm.
constexpr double kPageWidth = 595.28, kPageHeight = 841.89;
constexpr double kMargin = 56.0, kFooterGap = 28.0;
constexpr const char* kFont = "Noto Sans CJK SC";

struct Block {
  enum Kind { title, heading, item, paragraph, gap } kind = paragraph;
  std::string text;
};

std::vector<Block> blocks_of(const std::string& markdown) {
  std::vector<Block> out;
  std::istringstream in(markdown);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (!out.empty() && out.back().kind != Block::gap) out.push_back({Block::gap, {}});
    } else if (line.rfind("## ", 0) == 0) {
      out.push_back({Block::heading, line.substr(3)});
    } else if (line.rfind("# ", 0) == 0) {
      out.push_back({Block::title, line.substr(2)});
    } else if (line.rfind("- ", 0) == 0 || line.rfind("* ", 0) == 0) {
      out.push_back({Block::item, "• " + line.substr(2)});
    } else {
      std::size_t digits = 0;
      while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
      const bool numbered = digits > 0 && line.compare(digits, 2, ". ") == 0;
      out.push_back({numbered ? Block::item : Block::paragraph, line});
    }
  }
  return out;
}

// The text as Pango markup: escaped as it is. Emphasis is not interpreted: filled-in values such
// as a masked name (张**) must print as they are.
std::string markup_of(const std::string& text) {
  gchar* esc = g_markup_escape_text(text.data(), static_cast<gssize>(text.size()));
  std::string out(esc);
  g_free(esc);
  return out;
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct Writer {
  cairo_t* cr;
  const PdfInfo& info;
  double y = kMargin;
  int page = 1;

  void footer() {
    PangoLayout* l = pango_cairo_create_layout(cr);
    PangoFontDescription* fd = pango_font_description_from_string(fmt::format("{} 8", kFont).c_str());
    pango_layout_set_font_description(l, fd);
    pango_layout_set_width(l, static_cast<int>((kPageWidth - 2 * kMargin) * PANGO_SCALE));
    pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
    const std::string text = info.footer.empty() ? fmt::format("第 {} 页", page) : fmt::format("{} · 第 {} 页", info.footer, page);
    pango_layout_set_text(l, text.c_str(), -1);
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    cairo_move_to(cr, kMargin, kPageHeight - kMargin + kFooterGap / 2);
    pango_cairo_show_layout(cr, l);
    cairo_set_source_rgb(cr, 0, 0, 0);
    pango_font_description_free(fd);
    g_object_unref(l);
  }

  void next_page() {
    footer();
    cairo_show_page(cr);
    ++page;
    y = kMargin;
  }

  // Lays out one block and draws it line by line, breaking pages between lines.
  void draw(const std::string& markup, double size, double indent, double space_before, bool center = false) {
    PangoLayout* l = pango_cairo_create_layout(cr);
    PangoFontDescription* fd = pango_font_description_from_string(fmt::format("{} {}", kFont, size).c_str());
    pango_layout_set_font_description(l, fd);
    pango_layout_set_width(l, static_cast<int>((kPageWidth - 2 * kMargin - indent) * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_spacing(l, static_cast<int>(size * 0.45 * PANGO_SCALE));
    if (center) pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
    pango_layout_set_markup(l, markup.c_str(), -1);
    y += space_before;
    const double bottom = kPageHeight - kMargin;
    PangoLayoutIter* it = pango_layout_get_iter(l);
    double top_of_block = y;  // where the layout's line 0 would start on this page
    int first_y = 0;
    bool first = true;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      const int baseline = pango_layout_iter_get_baseline(it);
      if (first) {
        first_y = logical.y;
        first = false;
      }
      double line_top = top_of_block + (logical.y - first_y) / static_cast<double>(PANGO_SCALE);
      const double line_h = logical.height / static_cast<double>(PANGO_SCALE);
      if (line_top + line_h > bottom && line_top > kMargin) {
        next_page();
        top_of_block = kMargin - (logical.y - first_y) / static_cast<double>(PANGO_SCALE);
        line_top = kMargin;
      }
      PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
      const double x = kMargin + indent + logical.x / static_cast<double>(PANGO_SCALE);
      cairo_move_to(cr, x, line_top + (baseline - logical.y) / static_cast<double>(PANGO_SCALE));
      pango_cairo_show_layout_line(cr, line);
      y = line_top + line_h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    pango_font_description_free(fd);
    g_object_unref(l);
  }
};

std::string pdf_date(std::int64_t ms) {
  // PDF dates are written in local time with an offset; we use China Standard Time.
  const std::time_t t = static_cast<std::time_t>(ms / 1000 + 8 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+08:00", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec);
}

}  // namespace

Result<std::string> render_agreement_pdf(const std::string& markdown, const PdfInfo& info) {
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &out, kPageWidth, kPageHeight);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return Error::internal("无法生成 PDF");
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, info.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Kaifang");
  if (info.date_ms > 0) {
    const std::string d = pdf_date(info.date_ms);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, d.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, d.c_str());
  }
  cairo_t* cr = cairo_create(surface);
  {
    Writer w{cr, info};
    bool after_gap = false;
    for (const auto& b : blocks_of(markdown)) {
      switch (b.kind) {
        case Block::gap:
          after_gap = true;
          continue;
        case Block::title:
          w.draw("<b>" + markup_of(b.text) + "</b>", 17, 0, w.y > kMargin ? 12 : 0, true);
          w.y += 8;
          break;
        case Block::heading:
          w.draw("<b>" + markup_of(b.text) + "</b>", 12.5, 0, after_gap ? 12 : 6);
          break;
        case Block::item:
          w.draw(markup_of(b.text), 10.5, 10, after_gap ? 8 : 3);
          break;
        case Block::paragraph:
          w.draw(markup_of(b.text), 10.5, 0, after_gap ? 8 : 3);
          break;
      }
      after_gap = false;
    }
    if (!info.sha256.empty()) {
      w.draw(markup_of("协议文本 SHA-256：" + info.sha256), 8, 0, 16);
    }
    w.footer();
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t st = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) return Error::internal(fmt::format("无法生成 PDF：{}", cairo_status_to_string(st)));
  return out;
}

}  // namespace kf::apply

#if defined(__SANITIZE_ADDRESS__)
// fontconfig and cairo keep process-wide caches (fonts, scaled fonts) that live until exit by
// design; the leak checker of sanitized builds is told not to report them.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\nleak:libcairo.so\nleak:libpango-1.0.so\nleak:libpangoft2-1.0.so\n"
         "leak:libharfbuzz.so\nleak:libglib-2.0.so\nleak:libgobject-2.0.so\n";
}
#endif
