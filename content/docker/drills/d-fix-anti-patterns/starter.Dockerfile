FROM node:latest
MAINTAINER ops@example.com
ENV NPM_TOKEN=npm_EXAMPLEonlyNotARealToken00000000000
ADD . /app
RUN cd /app && npm install
RUN apt-get update
RUN apt-get install -y curl openssh-server
EXPOSE 22 3000
CMD cd /app && npm start
