// Sociale Kaart: suggestions for the search box. The page works without
// this script; it only offers names while you type.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggesties]");
  if (!input || !window.fetch) return;
  var list = document.createElement("datalist");
  list.id = "suggesties";
  input.after(list);
  input.setAttribute("list", list.id);
  var timer = 0;
  var last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last) return;
      last = q;
      fetch(input.dataset.suggesties + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (names) {
          if (q !== input.value.trim()) return;
          list.replaceChildren.apply(list, names.map(function (n) {
            var o = document.createElement("option");
            o.value = n;
            return o;
          }));
        })
        .catch(function () {});
    }, 200);
  });
})();
