#include "demo/demo.h"
#include "demo/gen.h"

namespace kf::demo {

struct RowGenerator::Impl {
  struct Slot {
    GenPtr gen;
    Rng rng{0};
    std::uint32_t null_ppm = 0;
  };
  std::vector<std::string> header;
  std::vector<Slot> slots;
  std::uint64_t rows = 0;
  std::uint64_t produced = 0;
};

RowGenerator::RowGenerator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RowGenerator::RowGenerator(RowGenerator&&) noexcept = default;
RowGenerator& RowGenerator::operator=(RowGenerator&&) noexcept = default;
RowGenerator::~RowGenerator() = default;

Result<RowGenerator> RowGenerator::create(const DemoEntry& entry) {
  auto impl = std::make_unique<Impl>();
  const GeneratorSpec& g = entry.generator;
  if (g.fields.size() != entry.fields.size()) {
    return Error::invalid("生成器字段数与数据字典不一致", "generator");
  }
  impl->rows = g.rows;
  BuildScope scope;
  scope.rows = g.rows;
  for (std::size_t i = 0; i < g.fields.size(); ++i) {
    const FieldGenerator& fg = g.fields[i];
    if (fg.field != entry.fields[i].name) {
      return Error::invalid("生成器字段顺序与数据字典不一致：" + fg.field, "generator");
    }
    // Each field has its own streams, keyed by its name: editing one field never changes another.
    const std::uint64_t key = mix64(g.seed) ^ hash_str(fg.field);
    Rng setup(key ^ 0x5E7ULL);
    scope.field = fg.field;
    scope.setup = &setup;
    KF_ASSIGN(auto parts, split_spec(fg.spec));
    Impl::Slot slot;
    if (auto null = parts.take("null")) {
      auto ppm = parse_ppm(*null);
      if (!ppm) return scope.bad("null 应为 0–1 之间的比例");
      if (!entry.fields[i].nullable && *ppm > 0) return scope.bad("字段不可为空，不能设置 null");
      slot.null_ppm = *ppm;
    }
    KF_ASSIGN(slot.gen, build_gen(parts, scope));
    slot.rng = Rng(key);
    impl->slots.push_back(std::move(slot));
    impl->header.push_back(fg.field);
    scope.earlier.push_back(fg.field);
  }
  return RowGenerator(std::move(impl));
}

const std::vector<std::string>& RowGenerator::header() const { return impl_->header; }
std::uint64_t RowGenerator::rows() const { return impl_->rows; }
std::uint64_t RowGenerator::produced() const { return impl_->produced; }

bool RowGenerator::next(std::vector<std::string>& row) {
  Impl& s = *impl_;
  if (s.produced >= s.rows) return false;
  row.resize(s.slots.size());
  const GenContext ctx{s.produced, &row};
  for (std::size_t i = 0; i < s.slots.size(); ++i) {
    auto& slot = s.slots[i];
    row[i].clear();
    if (slot.null_ppm > 0 && slot.rng.chance_ppm(slot.null_ppm)) continue;
    slot.gen->emit(slot.rng, ctx, row[i]);
  }
  ++s.produced;
  return true;
}

}  // namespace kf::demo
