// didar API docs: Swagger UI from the package's own copy when present, else a plain endpoint list.
"use strict";
(function () {
  function plainList(root, spec) {
    var h = document.createElement("h1");
    h.textContent = (spec.info && spec.info.title || "API") + " " + (spec.info && spec.info.version || "");
    root.appendChild(h);
    var ul = document.createElement("ul");
    Object.keys(spec.paths || {}).sort().forEach(function (path) {
      Object.keys(spec.paths[path]).forEach(function (method) {
        var op = spec.paths[path][method];
        var li = document.createElement("li");
        li.className = "endpoint";
        var code = document.createElement("code");
        code.textContent = method.toUpperCase() + " " + path;
        li.appendChild(code);
        li.appendChild(document.createTextNode(" " + (op.summary || "")));
        ul.appendChild(li);
      });
    });
    root.appendChild(ul);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("swagger-ui");
    var url = root.getAttribute("data-openapi");
    if (window.SwaggerUIBundle) {
      window.SwaggerUIBundle({ url: url, dom_id: "#swagger-ui", deepLinking: true });
      return;
    }
    fetch(url).then(function (r) { return r.json(); }).then(function (spec) { plainList(root, spec); });
  });
})();
