export default function(e){const t=document.createElement("p");t.textContent="lazy chunk loaded",e.appendChild(t)}
