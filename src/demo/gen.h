// Internal: the generator language (README.md "Generator language"). A field's spec is parsed
// into a ValueGen tree once; RowGenerator then calls emit() for every row.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "demo/rng.h"

namespace kf::demo {

struct GenContext {
  std::uint64_t row = 0;                              // 0-based row number
  const std::vector<std::string>* values = nullptr;   // this row's fields generated so far
};

class ValueGen {
 public:
  virtual ~ValueGen() = default;
  // Appends the value to `out` (which the caller has cleared).
  virtual void emit(Rng& rng, const GenContext& ctx, std::string& out) = 0;
};
using GenPtr = std::unique_ptr<ValueGen>;

// "kind:arg;opt=v;flag" split into its parts; ';' inside {...} does not split.
struct SpecParts {
  std::string kind;
  std::string arg;
  std::vector<std::pair<std::string, std::string>> options;
  std::vector<bool> used;

  std::optional<std::string> take(std::string_view key);  // marks the option used
  bool flag(std::string_view key);
};
Result<SpecParts> split_spec(std::string_view spec);

// What a spec may refer to while it is built.
struct BuildScope {
  std::string field;                        // the field being built (for messages)
  std::vector<std::string> earlier;         // names of the fields before it, in order
  std::uint64_t rows = 0;                   // rows the entry generates
  Rng* setup = nullptr;                     // randomness for set-up (permutations)
  // Index of an earlier field, or an error naming the spec.
  Result<std::size_t> ref(std::string_view name) const;
  Error bad(std::string_view what) const;   // invalid_argument naming the field
};

// Builds the generator of one spec (without the field-level "null" option, see RowGenerator).
Result<GenPtr> build_gen(SpecParts& parts, const BuildScope& scope);
Result<GenPtr> build_gen(std::string_view spec, const BuildScope& scope);

// The builders by family (gen_*.cpp). Each returns a generator or an error and consumes the
// options it knows from `parts`.
Result<GenPtr> build_basic(SpecParts& parts, const BuildScope& scope);   // seq cycle choice …
Result<GenPtr> build_time(SpecParts& parts, const BuildScope& scope);    // date datetime time
Result<GenPtr> build_person(SpecParts& parts, const BuildScope& scope);  // name id_number …
Result<GenPtr> build_place(SpecParts& parts, const BuildScope& scope);   // uscc company …

// A value of a list (choice, cycle, map, band): literal text, or a template when it holds "{".
struct Piece {
  std::string text;
  GenPtr gen;
  void emit(Rng& rng, const GenContext& ctx, std::string& out) const {
    if (gen) {
      gen->emit(rng, ctx, out);
    } else {
      out += text;
    }
  }
};
Result<Piece> build_piece(std::string_view text, const BuildScope& scope);
Result<GenPtr> build_tpl(std::string_view text, const BuildScope& scope);
Result<GenPtr> build_lookup(SpecParts& parts, const BuildScope& scope);  // map band monthly

// Helpers shared by the builders.
// The integer option `key` (at least min_value), or fallback when absent.
Result<std::int64_t> int_option(SpecParts& p, const BuildScope& scope, std::string_view key,
                                std::int64_t fallback, std::int64_t min_value);
std::optional<std::int64_t> parse_i64(std::string_view s);
// "12.50" -> 1250 with scale 2 (scale >= the digits after the point; pads with zeros).
std::optional<std::int64_t> parse_scaled(std::string_view s, int scale);
int fraction_digits(std::string_view s);
// "lo..hi" -> {"lo", "hi"}; nullopt without "..".
std::optional<std::pair<std::string_view, std::string_view>> split_range(std::string_view s);
std::vector<std::string_view> split_list(std::string_view s, char sep);  // top-level only
// Probability "0.05" -> 50000 parts per million.
std::optional<std::uint32_t> parse_ppm(std::string_view s);
void append_i64(std::string& out, std::int64_t v);
void append_scaled(std::string& out, std::int64_t v, int scale);  // 1250, 2 -> "12.50"

}  // namespace kf::demo
