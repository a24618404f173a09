/**
 * A small module-shaped library.
 * @license MIT
 */import{helper}from'./helper.js';const CONSTANTS={MAX:1e6,HALF:.5,MASK:255,name:"it's"};export class Store{#items=[];static create(){return new Store}add(item){this.#items.push(item);return this}get size(){return this.#items.length}*[Symbol.iterator](){yield*this.#items}}export async function load(url,{retries=3}={}){for(let i=0;i<retries;i++){try{const res=await fetch(url);if(res?.ok)return await res.json()}catch(e){console.warn('attempt '+(i+1)+' failed: '+e.message)}}return helper(CONSTANTS.MAX??0)}
//# sourceMappingURL=module.js.map