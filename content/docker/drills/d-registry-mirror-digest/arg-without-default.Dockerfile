ARG PYTHON_IMAGE

FROM ${PYTHON_IMAGE} AS build
COPY requirements.txt /tmp/
RUN pip install --no-cache-dir --target=/deps -r /tmp/requirements.txt

FROM ${PYTHON_IMAGE}
COPY --from=build /deps /deps
ENV PYTHONPATH=/deps
WORKDIR /app
COPY . .
USER 10001:10001
CMD ["python", "-m", "scheduler"]
