// Internal: finding the posts under the paths given to `add`.
#pragma once

#include <newsidx/index.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace newsidx::detail {

struct FoundFile {
    std::string path;  ///< absolute, lexically normal
    std::string root;  ///< absolute folder the id is relative to
};

/// Expands files and folders into post files, sorted by path. Folders are
/// walked recursively for *.md / *.markdown, skipping _site, .git,
/// node_modules, vendor, hidden folders, and whatever `excludes` or a
/// .newsidxignore file (one glob per line, # comments; it applies to its
/// folder's subtree) names. Symbolic links to folders inside the tree are
/// not followed unless `follow_symlinks` (their paths go to `skipped_links`);
/// followed, each real folder is walked once (no loops, no posts twice). A
/// folder or file named directly is taken even if it is a link, a file
/// whatever its extension. Unreadable or missing paths go to `errors`.
std::vector<FoundFile> find_posts(const std::vector<std::string>& inputs, const std::vector<std::string>& excludes,
                                  std::vector<FileError>& errors, bool follow_symlinks = false,
                                  std::vector<std::string>* skipped_links = nullptr,
                                  std::vector<std::pair<std::string, std::string>>* notes = nullptr,
                                  const std::vector<std::string>& extensions = {});

/// A post's file name, as a folder walk takes it: *.md or *.markdown, or one
/// of `extensions` (without the dot, lower case: AddOptions::extensions), any case.
bool is_post_name(std::string_view name, const std::vector<std::string>& extensions = {});

/// `e` as AddOptions::extensions holds it: without a leading dot, lower
/// case. Throws Error when it is not 1 to 16 ASCII letters or digits.
std::string post_extension(std::string_view e);

/// A folder a walk (and watch) never enters: _site, node_modules, vendor,
/// and hidden ones (.git, .jekyll-cache, .sass-cache, .bundle ...).
bool skipped_folder(std::string_view name);

/// Absolute, lexically normal form of `p` (no symlink resolution).
std::string absolute_path(const std::string& p);

}  // namespace newsidx::detail
