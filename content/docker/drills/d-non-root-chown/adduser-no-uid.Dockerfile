FROM python:3.12-slim-bookworm
RUN addgroup --system shop && adduser --system --ingroup shop --no-create-home shop
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY --chown=shop:shop . .
USER 10001:10001
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "shop.wsgi"]
