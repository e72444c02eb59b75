// Plausible Chinese values for the demo city: districts, person names, company names, addresses.
#pragma once

#include <string>
#include <string_view>

#include "demo/city.h"
#include "demo/rng.h"

namespace kf::demo {

enum class NameGender { any, male, female };

// A district drawn with the population weights.
const District& pick_district(Rng& rng);

// Appends a person's name: a surname by frequency, then one or two given-name characters.
void append_person_name(Rng& rng, NameGender gender, std::string& out);

// The entity behind a unified social credit code: its name, whose style follows the prefix (91
// company, 92 individual business, 93 co-operative, 51/52/53 social organisation, 31 law firm,
// other: public institution) and whose place follows the region in the code, and the GB/T 4754
// section (门类) of its business. A pure function of `uscc`, so one code has one name everywhere.
struct EntityProfile {
  std::string name;
  char section = 'L';
};
EntityProfile entity_profile(std::string_view uscc);

// Appends entity_profile(uscc).name for an 18-character code; any other string gives a company
// name drawn from `rng`.
void append_entity_name(std::string_view uscc, Rng& rng, std::string& out);

// Appends a street address in the district: 山东省潍坊市寿光市农圣街1288号 (sometimes with a
// residential compound and building).
void append_address(const District& d, Rng& rng, std::string& out);

// The district named by `v`: a district code or name, or a unified social credit code (its
// region, characters 3-8); a city-level or unknown region gives nullptr.
const District* district_of(std::string_view v);

}  // namespace kf::demo
