function r(f){document.readyState!=="loading"?f():document.addEventListener("DOMContentLoaded",f)}export{r};
