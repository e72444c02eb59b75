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

// Appends the name of the entity with this unified social credit code: the style follows the
// prefix (91 company, 92 individual business, 93 co-operative, 5x social organisation, other:
// public institution) and the place follows the region in the code. A pure function of `uscc`.
// Any other string gives a company name drawn from `rng`.
void append_entity_name(std::string_view uscc, Rng& rng, std::string& out);

// Appends a street address in the district: 山东省潍坊市寿光市农圣街1288号 (sometimes with a
// residential compound and building).
void append_address(const District& d, Rng& rng, std::string& out);

// The district named by `v`: a district code or name, or a unified social credit code (its
// region, characters 3-8); a city-level or unknown region gives nullptr.
const District* district_of(std::string_view v);

}  // namespace kf::demo
