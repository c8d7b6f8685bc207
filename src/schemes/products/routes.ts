import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json, pageOf } from '../../platform/http/openapi.js';
import { createCategory, listCategories } from './categories.js';
import {
  CareCategory,
  InForceQuery,
  NewCareCategory,
  NewProduct,
  NewProductVersion,
  Product,
  ProductQuery,
} from './schemas.js';
import { addProductVersion, createProduct, getProduct, listProducts, productInForce } from './service.js';

export function productRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['products'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/care-categories',
      tags,
      summary: "The scheme's care categories",
      middleware: [requireRight('product.read')],
      responses: { 200: json(z.object({ items: z.array(CareCategory) }), 'The catalogue') },
    }),
    async (c) => c.json(await listCategories(db, scopeOf(c)), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/care-categories',
      tags,
      summary: 'Add a care category',
      middleware: [requireRight('product.manage')],
      request: { body: json(NewCareCategory, 'The category') },
      responses: { 201: json(CareCategory, 'Added') },
    }),
    async (c) => c.json(await createCategory(db, actor(c), scopeOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/products',
      tags,
      summary: 'Products (benefit packages), each with its versions by effective date',
      middleware: [requireRight('product.read')],
      request: { query: ProductQuery },
      responses: { 200: json(pageOf(Product, 'ProductPage'), 'A page of products') },
    }),
    async (c) => c.json(await listProducts(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/products',
      tags,
      summary: 'Create a product with its first version',
      middleware: [requireRight('product.manage')],
      request: { body: json(NewProduct, 'The product') },
      responses: { 201: json(Product, 'Created') },
    }),
    async (c) => c.json(await createProduct(db, actor(c), scopeOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/products/{id}',
      tags,
      summary: 'One product with all its versions, oldest first',
      middleware: [requireRight('product.read')],
      request: { params: IdParam },
      responses: { 200: json(Product, 'The product') },
    }),
    async (c) => c.json(await getProduct(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/products/{id}/in-force',
      tags,
      summary: 'The version of the product in force on a day',
      middleware: [requireRight('product.read')],
      request: { params: IdParam, query: InForceQuery },
      responses: { 200: json(Product.shape.versions.element, 'The version') },
    }),
    async (c) => {
      const date = c.req.valid('query').date ?? new Date().toISOString().slice(0, 10);
      return c.json(await productInForce(db.kysely, scopeOf(c), c.req.valid('param').id, date), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/products/{id}/versions',
      tags,
      summary: 'Change a product from a day on (a new version; versions are never edited)',
      middleware: [requireRight('product.manage')],
      request: { params: IdParam, body: json(NewProductVersion, 'The version') },
      responses: { 201: json(Product, 'The product with the new version') },
    }),
    async (c) =>
      c.json(await addProductVersion(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
}
