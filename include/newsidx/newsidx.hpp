// newsidx — umbrella header: everything an embedding program needs.
//
// The façade: Index (write), Searcher (read), ShardedIndex and OpenOptions
// (shards), the Analyzer (how text becomes terms), the formatters and the
// error types. How posts are read and turned into documents (the reader,
// Post, sections, zones) is the library's own business and may change with
// any release; it is not part of this interface.
//
// Thread-safety at a glance (each header says more):
//   Analyzer                  const methods may run on many threads at once.
//   Index                     one writer per index (Xapian's lock), one thread.
//   Searcher                  one thread at a time: open one per thread (cheap),
//                             or lend them from a pool, as `newsidx serve` does
//                             (a pool of Searchers keyed by the index folder).
//   free functions            format_*, mark, read_stats, read_terms,
//                             default_db_path: reentrant.
// Units: sizes in bytes, times in seconds, text in UTF-8, offsets in bytes
// unless a field says code points (Snippet::matches).
#pragma once

#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>
#include <newsidx/format.hpp>
#include <newsidx/index.hpp>
#include <newsidx/searcher.hpp>
#include <newsidx/shards.hpp>
#include <newsidx/site_url.hpp>
