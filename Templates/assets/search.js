/* Herald's search page: queries the static index under /search/index/
 * (written by `herald build` with `search: { engine: herald }`).
 * No framework and no dependencies. It reads ?q=, ?section=, ?author=, ?tag=
 * and ?sort= (relevance | date) from the address, fetches the manifest, the
 * shard of each query word and the result files of the results it shows,
 * and lists them in #search-results.
 *
 * Words are folded exactly as Herald's SearchText folds them (the two must
 * change together): NFKD, marks dropped, lower case, ß → ss, final sigma →
 * sigma; Han and kana characters are words of their own. */
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) return;
  var base = root.getAttribute("data-index");
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var PAGE = 10;
  var IDEOGRAPH = "\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2ffff}";
  var WORD = new RegExp("[" + IDEOGRAPH + "]|(?:(?![" + IDEOGRAPH + "])[\\p{L}\\p{M}\\p{N}])+", "gu");
  var IDEOGRAPHIC = new RegExp("^[" + IDEOGRAPH + "]$", "u");
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var encoder = new TextEncoder();
  var files = {};
  var manifest, shards;

  function fetchJSON(name) {
    if (!files[name]) {
      files[name] = fetch(base + name).then(function (response) {
        if (!response.ok) throw new Error(name + ": " + response.status);
        return response.json();
      });
    }
    return files[name];
  }

  function fold(word) {
    if (IDEOGRAPHIC.test(word)) return word;
    return word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/\u00df/g, "ss").replace(/\u03c2/g, "\u03c3");
  }

  /* The query's words, folded, as the index holds them. */
  function words(text) {
    var found = [];
    (text.match(WORD) || []).forEach(function (raw) {
      var ideograph = IDEOGRAPHIC.test(raw);
      if (!ideograph && (Array.from(raw).length < 2 || encoder.encode(raw).length > 64)) return;
      var word = fold(raw);
      if (word && found.indexOf(word) < 0) found.push(word);
    });
    return found;
  }

  function hex(text) {
    return Array.from(encoder.encode(text), function (byte) {
      return (byte < 16 ? "0" : "") + byte.toString(16);
    }).join("");
  }

  /* The shard holding `key`: the longest listed prefix of its bytes. */
  function shard(key) {
    var name = hex(key);
    for (var length = name.length; length >= 0; length -= 2) {
      if (shards.has(name.slice(0, length))) return fetchJSON("t" + name.slice(0, length) + ".json");
    }
    return Promise.resolve({ p: {}, w: {} });
  }

  /* Postings: [document, score] pairs from the index's text encoding. */
  function decode(text) {
    var postings = [], value = 0, shift = 0, last = -1;
    for (var i = 0; i < text.length; i++) {
      var digit = ALPHABET.indexOf(text[i]);
      value += (digit & 31) * Math.pow(2, shift);
      if (digit >= 32) { shift += 5; continue; }
      last += Math.floor(value / 32);
      postings.push([last, value % 32]);
      value = 0;
      shift = 0;
    }
    return postings;
  }

  /* The postings of a query word and the stem they belong to: through the
   * list of words as written, else the word as a stem, else the word less
   * up to four letters (a form of a word the archive never uses). */
  function lookUp(word) {
    return shard(word).then(function (found) {
      if (found.w[word]) {
        var stem = found.w[word];
        return shard(stem).then(function (home) { return { stem: stem, postings: decode(home.p[stem] || "") }; });
      }
      if (found.p[word]) return { stem: word, postings: decode(found.p[word]) };
      var letters = Array.from(word), tries = [];
      for (var cut = 1; letters.length >= 5 && cut <= 4 && letters.length - cut >= 3; cut++) {
        tries.push(letters.slice(0, letters.length - cut).join(""));
      }
      return tries.reduce(function (previous, shorter) {
        return previous.then(function (result) {
          if (result) return result;
          return shard(shorter).then(function (home) {
            return home.p[shorter] ? { stem: shorter, postings: decode(home.p[shorter]) } : null;
          });
        });
      }, Promise.resolve(null)).then(function (result) { return result || { stem: null, postings: [] }; });
    });
  }

  function filterSet(key) {
    return shard(key).then(function (found) {
      return new Set(decode(found.p[key] || "").map(function (posting) { return posting[0]; }));
    });
  }

  /* Document numbers, best first: most query words matched, then BM25
   * (the shards hold each document's saturated term frequency), then newest. */
  function rank(query, filters, sort) {
    return Promise.all(query.map(lookUp)).then(function (found) {
      var matched = new Map(), n = manifest.documents;
      found.forEach(function (entry) {
        var df = entry.postings.length;
        if (!df) return;
        var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        entry.postings.forEach(function (posting) {
          var hit = matched.get(posting[0]) || [0, 0];
          matched.set(posting[0], [hit[0] + 1, hit[1] + idf * posting[1] / 31]);
        });
      });
      return Promise.all(filters.map(filterSet)).then(function (sets) {
        var ids = Array.from(matched.keys()).filter(function (id) {
          return sets.every(function (set) { return set.has(id); });
        });
        ids.sort(function (a, b) {
          if (sort === "date") return b - a;
          var x = matched.get(a), y = matched.get(b);
          return (y[0] - x[0]) || (y[1] - x[1]) || (b - a);
        });
        return { ids: ids, stems: found.map(function (entry) { return entry.stem; }).filter(Boolean) };
      });
    });
  }

  /* `text` as nodes, with the words that begin with a matched stem in <mark>. */
  function highlighted(text, stems) {
    var fragment = document.createDocumentFragment(), last = 0;
    text.replace(WORD, function (raw, offset) {
      var word = fold(raw);
      if (stems.some(function (stem) { return word.indexOf(stem) === 0; })) {
        fragment.appendChild(document.createTextNode(text.slice(last, offset)));
        var mark = document.createElement("mark");
        mark.textContent = raw;
        fragment.appendChild(mark);
        last = offset + raw.length;
      }
      return raw;
    });
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  function element(name, className, children) {
    var node = document.createElement(name);
    if (className) node.className = className;
    (children || []).forEach(function (child) { node.appendChild(typeof child === "string" ? document.createTextNode(child) : child); });
    return node;
  }

  function formatDate(value) {
    try {
      return new Date(value).toLocaleDateString(document.documentElement.lang || undefined,
        { year: "numeric", month: "long", day: "numeric", timeZone: manifest.timeZone });
    } catch (error) {
      return value.slice(0, 10);
    }
  }

  function row(result, stems) {
    var link = element("a", "", [highlighted(result[1], stems)]);
    link.href = result[0];
    var meta = element("p", "search-result-meta");
    if (result[2]) {
      var time = element("time", "", [formatDate(result[2])]);
      time.setAttribute("datetime", result[2]);
      meta.appendChild(time);
    }
    if (result[3]) meta.appendChild(element("span", "search-result-section", [result[3]]));
    var item = element("li", "search-result", [element("h2", "search-result-title", [link]), meta]);
    if (result[4]) item.appendChild(element("p", "search-result-summary", [highlighted(result[4], stems)]));
    if (result[5]) {
      var image = element("img", "search-result-image");
      image.src = result[5];
      image.alt = "";
      image.loading = "lazy";
      item.insertBefore(image, item.firstChild);
    }
    return item;
  }

  function show(ranked, shown) {
    var page = ranked.ids.slice(shown, shown + PAGE);
    var chunks = Array.from(new Set(page.map(function (id) { return Math.floor(id / manifest.chunk); })));
    return Promise.all(chunks.map(function (chunk) { return fetchJSON("d" + chunk + ".json"); })).then(function (rows) {
      var byChunk = new Map(chunks.map(function (chunk, index) { return [chunk, rows[index]]; }));
      page.forEach(function (id) {
        list.appendChild(row(byChunk.get(Math.floor(id / manifest.chunk))[id % manifest.chunk], ranked.stems));
      });
      var total = shown + page.length;
      more.hidden = total >= ranked.ids.length;
      more.onclick = function () {
        // Keyboard users land on the first new result.
        var first = list.children.length;
        show(ranked, total).then(function () {
          var next = list.children[first];
          if (next) next.querySelector("a").focus();
        });
      };
    });
  }

  function fillSelect(name, values, chosen) {
    var select = document.getElementById("search-" + name);
    if (!select) return;
    values.forEach(function (value) {
      var option = element("option", "", [value[1]]);
      option.value = value[0].slice(3);
      if (option.value === chosen) option.selected = true;
      select.appendChild(option);
    });
  }

  function say(text) {
    status.textContent = text;
  }

  var params = new URLSearchParams(location.search);
  var text = params.get("q") || "";
  var sort = params.get("sort") === "date" ? "date" : "relevance";
  input.value = text;
  var sortControl = document.getElementById("search-sort");
  if (sortControl) sortControl.value = sort;
  var chosen = { section: params.get("section") || "", author: params.get("author") || "", tag: params.get("tag") || "" };
  var filterPrefix = { section: "~s:", author: "~a:", tag: "~t:" };
  root.classList.add("search-ready");

  Promise.all([fetchJSON("manifest.json"), fetchJSON("filters.json")]).then(function (loaded) {
    manifest = loaded[0];
    shards = new Set(manifest.shards);
    Object.keys(chosen).forEach(function (name) { fillSelect(name, loaded[1][name] || [], chosen[name]); });
    var query = words(text);
    if (!query.length) {
      say(text ? "Type a longer word to search." : "Type a word or two to search " + manifest.documents + " articles.");
      return;
    }
    var filters = Object.keys(chosen).filter(function (name) { return chosen[name]; })
      .map(function (name) { return filterPrefix[name] + chosen[name]; });
    say("Searching…");
    return rank(query, filters, sort).then(function (ranked) {
      var count = ranked.ids.length;
      say(count === 0 ? "No articles match “" + text + "”." :
        count + (count === 1 ? " article matches “" : " articles match “") + text + "”.");
      return show(ranked, 0);
    });
  }).catch(function (error) {
    say("Search is not available right now (" + error.message + ").");
  });

  // An empty filter or the default sort is left out of the address.
  form.addEventListener("submit", function () {
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (select) {
      select.disabled = !select.value || (select.name === "sort" && select.value === "relevance");
    });
  });
})();
