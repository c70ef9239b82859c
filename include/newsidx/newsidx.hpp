// newsidx — umbrella header: everything an embedding program needs.
#pragma once

#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>
#include <newsidx/format.hpp>
#include <newsidx/index.hpp>
#include <newsidx/post.hpp>
#include <newsidx/reader.hpp>
#include <newsidx/searcher.hpp>
#include <newsidx/shards.hpp>
